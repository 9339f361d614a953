package io.zsync.cli;

import io.zsync.bench.BenchReport;
import io.zsync.bench.Peers;
import io.zsync.bench.SpawnBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zsync bench spawn}: runs {@link SpawnBench}, progress on stderr, the table on stdout. */
@Command(name = "spawn",
        mixinStandardHelpOptions = true,
        description = "Spawns and awaits N trivial tasks on each backend, on raw virtual threads and with"
                + " CompletableFuture and, when its peer is built, on Tokio, alternated in every round; reports"
                + " the median ns/task and the ratio to"
                + " raw virtual threads.")
final class SpawnCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "" + SpawnBench.DEFAULT_TASKS,
            description = "Tasks per contender and round (default: ${DEFAULT-VALUE}).")
    private int tasks;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + SpawnBench.DEFAULT_ROUNDS,
            description = "Measured rounds, after one warm-up round (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--peers", paramLabel = "DIR",
            description = "The peers directory, for Tokio's (default: zsync-bench/peers of this checkout).")
    private Path peers;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1 || rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--tasks and --rounds must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report;
        try {
            report = new SpawnBench(tasks, rounds)
                    .run(Peers.build(peers != null ? peers : EchoCommand.checkoutPeers(), err::println), err::println);
        } catch (IOException e) {
            // A peer failed: say what, without a stack trace, which would bury it.
            err.println("zsync bench spawn: " + e.getMessage());
            return 1;
        }
        output.show(report, spec);
        PrintWriter out = spec.commandLine().getOut();
        SpawnBench.traceOverheads(report).forEach((backend, ratio) -> out.printf(Locale.ROOT,
                "async traces (default, cached) cost %.2fx on %s against IoOptions.asyncTrace(OFF)%n", ratio, backend));
        return 0;
    }
}
