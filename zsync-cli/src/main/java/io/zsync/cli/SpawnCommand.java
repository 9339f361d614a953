package io.zsync.cli;

import io.zsync.bench.BenchReport;
import io.zsync.bench.SpawnBench;
import java.io.PrintWriter;
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
                + " CompletableFuture, alternated in every round; reports the median ns/task and the ratio to"
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

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1 || rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--tasks and --rounds must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report = new SpawnBench(tasks, rounds).run(err::println);
        output.show(report, spec);
        return 0;
    }
}
