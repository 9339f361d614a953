package io.zsync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zsync bench}: the benchmarks, one subcommand each. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks zsync against baselines measured in the same run.",
        subcommands = {SpawnCommand.class, MemoryCommand.class, IoCommand.class, EchoCommand.class, HttpCommand.class,
                TransferCommands.SendFile.class,
                TransferCommands.Drain.class})
final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
