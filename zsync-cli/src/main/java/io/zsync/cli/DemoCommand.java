package io.zsync.cli;

import io.zsync.Io;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zsync demo}: runs the same {@link Tour} on every installed backend, one section each. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs one direct-style program on every backend and shows what happened, with timings.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("The same program, a method taking an Io, runs on each backend in turn.");
        for (String backend : Io.backends()) {
            out.println();
            out.println("== " + backend + " ==");
            try (Io io = Io.open(backend)) {
                new Tour(io, out).run();
            }
        }
        out.flush();
        return 0;
    }
}
