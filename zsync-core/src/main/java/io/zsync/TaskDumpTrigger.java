package io.zsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sun.misc.Signal;

/**
 * Dumps the tasks of every open {@link Io} when the process receives a signal, the way a JVM
 * prints its threads on {@code SIGQUIT}: opt in with {@code -Dzsync.taskDump.signal=USR1}, then
 * {@code kill -USR1 <pid>}. The dumps go to the file {@code -Dzsync.taskDump.file} (replaced at
 * each signal) or, without it, to standard output.
 */
final class TaskDumpTrigger {

    private static final Set<CoreIo> OPEN = ConcurrentHashMap.newKeySet();
    private static final String SIGNAL = System.getProperty("zsync.taskDump.signal");
    private static final String FILE = System.getProperty("zsync.taskDump.file");
    /** Counts the dumps written, so that a test can wait for one. */
    private static volatile int written;

    static {
        if (SIGNAL != null) {
            install(SIGNAL.strip(), FILE == null ? null : Path.of(FILE));
        }
    }

    private TaskDumpTrigger() {}

    /** Lists {@code io} among the open ones, until {@link #closed}. */
    static void opened(CoreIo io) {
        OPEN.add(io);
    }

    static void closed(CoreIo io) {
        OPEN.remove(io);
    }

    /**
     * Makes {@code signal} dump every open {@code Io} to {@code file}, or to standard output if it
     * is {@code null}.
     *
     * @throws IllegalArgumentException if the signal is unknown or the JVM keeps it for itself
     */
    static void install(String signal, Path file) {
        try {
            Signal.handle(new Signal(signal), received -> write(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dzsync.taskDump.signal=" + signal
                    + " cannot be used: " + e.getMessage() + "; try USR1", e);
        }
    }

    static int written() {
        return written;
    }

    private static void write(Path file) {
        StringBuilder dumps = new StringBuilder();
        for (CoreIo io : OPEN) {
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
        written++; // only the signal thread writes it
    }
}
