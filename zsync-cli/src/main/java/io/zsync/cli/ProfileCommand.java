package io.zsync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import jdk.jfr.Recording;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zsync profile --out DIR COMMAND [ARGS]}: runs another zsync command in this JVM under a
 * JFR recording of the zsync events, then writes into DIR the recording, a flame graph of task
 * run time by spawn chain, async timing per spawn site and a contention report.
 */
@Command(name = "profile",
        mixinStandardHelpOptions = true,
        description = {"Runs a zsync command (demo, bench ...) under a JFR recording of the zsync events and writes,"
                + " into DIR: zsync.jfr (open it in JDK Mission Control), flamegraph.svg (task run time by spawn"
                + " chain), async-timing.md (run and await time percentiles per spawn site) and contention.md (the"
                + " most contended locks and queues, and who waited).",
                "Give the command's own options after --, as in: zsync profile --out DIR -- bench spawn --tasks 1000"})
final class ProfileCommand implements Callable<Integer> {

    /** Every event zsync-core emits; each recorded in full: no threshold, with its stack trace. */
    static final List<String> EVENTS = List.of("io.zsync.TaskSpawn", "io.zsync.TaskRun", "io.zsync.TaskCancel",
            "io.zsync.Await", "io.zsync.Contention", "io.zsync.IoOperation");

    static final String RECORDING = "zsync.jfr";
    static final String FLAME_GRAPH = "flamegraph.svg";
    static final String ASYNC_TIMING = "async-timing.md";
    static final String CONTENTION = "contention.md";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the recording and the reports (made if missing).")
    private Path out;

    @Parameters(index = "0", paramLabel = "COMMAND", description = "The zsync command to profile: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ProfiledCommands.class)
    private String command;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments.")
    private List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Set<String> known = ProfiledCommands.names();
        if (!known.contains(command)) {
            throw new ParameterException(spec.commandLine(), "unknown command '" + command + "': zsync profile runs one of "
                    + String.join(", ", known));
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            err.println("zsync profile: cannot write to " + out + ": " + e);
            return 1;
        }
        if (!Files.isDirectory(out) || !Files.isWritable(out)) {
            err.println("zsync profile: cannot write to " + out + ": not a writable directory");
            return 1;
        }
        Path jfr = out.resolve(RECORDING);
        List<String> commandLine = new ArrayList<>(List.of(command));
        commandLine.addAll(args);
        err.println("profile: running 'zsync " + String.join(" ", commandLine) + "' under a JFR recording of the zsync events");
        err.flush();
        int exit;
        try (Recording recording = new Recording()) {
            recording.setName("zsync profile");
            for (String event : EVENTS) {
                recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
            }
            recording.start();
            exit = new CommandLine(new Main()).setOut(spec.commandLine().getOut()).setErr(err)
                    .execute(commandLine.toArray(new String[0]));
            recording.stop();
            recording.dump(jfr);
        } catch (IOException e) {
            err.println("zsync profile: cannot write the recording to " + jfr + ": " + e);
            return 1;
        }
        err.println("profile: wrote " + jfr + "; reading it back");
        err.flush();
        AsyncProfile profile = AsyncProfile.read(jfr);
        err.printf("profile: %d zsync events: %d tasks, %d contended waits%n", profile.events, profile.tasks.size(),
                profile.waits.size());
        try {
            write(out.resolve(FLAME_GRAPH), flameGraph(profile), err);
            write(out.resolve(ASYNC_TIMING), AsyncTimingReport.write(profile), err);
            write(out.resolve(CONTENTION), ContentionReport.write(profile), err);
        } catch (IOException e) {
            err.println("zsync profile: cannot write the reports into " + out + ": " + e);
            return 1;
        }
        return exit;
    }

    private static String flameGraph(AsyncProfile profile) {
        FlameGraphSvg graph = new FlameGraphSvg("zsync tasks by spawn chain (width: task run time)", "ms");
        for (AsyncProfile.TaskRecord task : profile.tasks.values()) {
            if (task.runNanos >= 0) {
                graph.add(profile.spawnChain(task), task.runNanos / 1e6);
            }
        }
        return graph.write();
    }

    private static void write(Path file, String content, PrintWriter err) throws IOException {
        Files.writeString(file, content);
        err.println("profile: wrote " + file);
        err.flush();
    }

    /** The zsync commands that can be profiled: all but profile itself. */
    static final class ProfiledCommands implements Iterable<String> {

        static Set<String> names() {
            Set<String> names = new TreeSet<>(new CommandLine(new Main()).getSubcommands().keySet());
            names.remove("profile");
            return names;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return names().iterator();
        }
    }
}
