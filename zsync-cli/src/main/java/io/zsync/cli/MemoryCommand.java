package io.zsync.cli;

import io.zsync.bench.BenchReport;
import io.zsync.bench.MemoryBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zsync bench memory}: runs {@link MemoryBench}, progress on stderr, the table on stdout. */
@Command(name = "memory",
        mixinStandardHelpOptions = true,
        description = "Puts N tasks to sleep at once on each backend that can hold them and on raw virtual"
                + " threads; reports the heap bytes per suspended task and the ratio to raw virtual threads.")
final class MemoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "" + MemoryBench.DEFAULT_TASKS,
            description = "Sleeping tasks per contender (default: ${DEFAULT-VALUE}).")
    private int tasks;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1) {
            throw new ParameterException(spec.commandLine(), "--tasks must be at least 1");
        }
        BenchReport report = new MemoryBench(tasks).run(spec.commandLine().getErr()::println);
        output.show(report, spec);
        return 0;
    }
}
