package io.zsync.internal;

import io.zsync.Io;
import io.zsync.diagnostics.TaskDump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Dumps the tasks of every open {@link Io} when the process receives a signal, the way a JVM
 * prints its threads on {@code SIGQUIT}: opt in with {@code -Dzsync.taskDump.signal=USR1}, then
 * {@code kill -USR1 <pid>}. The dumps go to the file {@code -Dzsync.taskDump.file} (replaced at
 * each signal) or, without it, to standard output.
 */
public final class TaskDumpTrigger {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private TaskDumpTrigger() {}

    /**
     * Installs the signal handler if {@code -Dzsync.taskDump.signal} asks for one and it is not
     * installed yet: the first {@code Io} to open in a JVM does.
     *
     * @throws IllegalArgumentException if the signal is unknown or the JVM keeps it for itself
     */
    public static void installIfAsked() {
        String signal = System.getProperty("zsync.taskDump.signal");
        if (signal != null && INSTALLED.compareAndSet(false, true)) {
            String file = System.getProperty("zsync.taskDump.file");
            try {
                install(signal.strip(), file == null ? null : Path.of(file));
            } catch (IllegalArgumentException e) {
                INSTALLED.set(false); // every Io opened with the bad setting says so
                throw e;
            }
        }
    }

    private static void install(String signal, Path file) {
        try {
            Signal.handle(new Signal(signal), received -> write(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dzsync.taskDump.signal=" + signal
                    + " cannot be used: " + e.getMessage() + "; try USR1", e);
        }
    }

    private static void write(Path file) {
        StringBuilder dumps = new StringBuilder();
        for (Io io : OpenIos.all()) {
            dumps.append(TaskDump.of(io)).append('\n');
        }
        if (file == null) {
            System.out.print(dumps);
            System.out.flush();
        } else {
            try {
                Files.writeString(file, dumps);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the task dump to " + file, e);
            }
        }
    }
}
