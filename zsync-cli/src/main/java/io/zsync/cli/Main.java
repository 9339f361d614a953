package io.zsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code zsync} command: {@code zsync demo}, {@code zsync bench spawn}, {@code zsync profile}, {@code zsync serve}. Exits 0 on success,
 * 2 on a usage error, 1 on a failure.
 */
@Command(name = "zsync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "An async I/O runtime for Java in the spirit of Zig's std.Io.",
        subcommands = {DemoCommand.class, BenchCommand.class, ProfileCommand.class, ServeCommand.class})
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    /** The command, for {@link CommandLine}; {@link #main} runs it. */
    public Main() {}

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
