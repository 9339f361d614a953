package io.zsync.diagnostics;

import io.zsync.internal.UserFrames;
import io.zsync.Io;
import io.zsync.internal.Access;
import io.zsync.internal.UserFrames;
import io.zsync.spi.Backend;
import io.zsync.spi.Strand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live tasks of an {@link Io}: for each, whether it waits in a zsync operation or runs, the
 * line of the task's own code where it is, its stack, and its spawn chain. Like a thread dump,
 * but for tasks, on every backend that runs tasks apart from their callers ({@code threaded},
 * {@code virtual}, {@code evented}); a suspended task on {@code evented} is listed with the frames
 * its coroutine saved. Tasks run inline on their caller's thread are not listed, nor, on the thread
 * backends, a task that has not waited once since it started (listing those would cost every
 * spawn; they run, and a thread dump shows them).
 *
 * <p>A dump is a snapshot taken without stopping anything: a task that runs meanwhile may be shown
 * where it was a moment before, or be missing if it just ended. Safe to take from any thread,
 * including a task of the same {@code Io}.
 */
public final class TaskDump {

    /**
     * One live task.
     *
     * @param waitingIn  the zsync operation the task waits in (such as {@code Queue.get}, {@code Mutex.lock},
     *                   {@code Io.sleep}), or {@code null} if it runs its own code
     * @param at         the innermost frame of the task's own code (outside zsync), or {@code null} if unknown
     * @param stack      the task's frames outside zsync, innermost first
     * @param spawnChain where the task was spawned, then where the task that spawned it was, and so on; empty
     *                   when spawn sites are off (asyncTrace {@code OFF})
     */
    public record Task(String waitingIn, StackTraceElement at, List<StackTraceElement> stack,
            List<StackTraceElement> spawnChain) {

        /** Whether the task waits in a zsync operation. */
        public boolean isWaiting() {
            return waitingIn != null;
        }
    }

    /** The class implementing {@link Io}, package-private in the core, as its frames name it. */
    private static final String CORE_IO = "io.zsync.CoreIo";

    private final String backend;
    private final Instant takenAt;
    private final List<Task> tasks;

    private TaskDump(String backend, Instant takenAt, List<Task> tasks) {
        this.backend = backend;
        this.takenAt = takenAt;
        this.tasks = tasks;
    }

    /**
     * Takes a dump of the tasks of {@code io} now.
     *
     * @throws IllegalArgumentException if {@code io} was not opened by zsync ({@link Io#open})
     */
    public static TaskDump of(Io io) {
        Access.Core core = Access.core();
        Backend backend = core.backendOf(io, "task dumps");
        List<Task> tasks = new ArrayList<>();
        // A task taking the dump runs its own code: it is inside TaskDump.of, not waiting in it.
        Strand dumping = backend.currentStrand();
        for (Strand strand : backend.taskStrands()) {
            List<StackTraceElement> spawnChain = core.spawnChainOf(strand.attachment());
            if (spawnChain != null) {
                tasks.add(describe(strand.stackTrace(), spawnChain, strand == dumping));
            }
        }
        return new TaskDump(io.name(), Instant.now(), List.copyOf(tasks));
    }

    /** The tasks, in no particular order. */
    public List<Task> tasks() {
        return tasks;
    }

    /** Writes {@link #toString()} to {@code file}, replacing what it held. */
    public void writeTo(Path file) throws IOException {
        Files.writeString(file, toString());
    }

    /** The dump as text, one block per task, as a person reads it. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("zsync task dump of '").append(backend).append("' at ").append(takenAt).append(": ")
                .append(tasks.size()).append(tasks.size() == 1 ? " live task" : " live tasks").append('\n');
        int n = 0;
        for (Task task : tasks) {
            out.append("\ntask ").append(++n).append(": ")
                    .append(task.isWaiting() ? "waiting in " + task.waitingIn() : "running");
            if (task.at() != null) {
                out.append(" at ").append(task.at());
            }
            out.append('\n');
            for (StackTraceElement frame : task.stack()) {
                out.append("    at ").append(frame).append('\n');
            }
            String link = "spawned at ";
            for (StackTraceElement site : task.spawnChain()) {
                out.append("  ").append(link).append(site).append('\n');
                link = "by a task spawned at ";
            }
        }
        return out.toString();
    }

    /**
     * Splits a strand's stack into the task's own frames and the zsync operation it is inside,
     * unless the task is {@code running} (the one taking the dump).
     */
    private static Task describe(StackTraceElement[] stack, List<StackTraceElement> spawnChain, boolean running) {
        List<StackTraceElement> own = new ArrayList<>();
        String waitingIn = null;
        // Inside the task's innermost own frame, the outermost zsync frame: the operation it called.
        StackTraceElement calledOperation = null;
        for (StackTraceElement frame : stack) {
            String cls = frame.getClassName();
            if (UserFrames.isRuntime(cls) || UserFrames.isPlumbing(cls) || (own.isEmpty() && isJdk(cls))) {
                if (own.isEmpty() && UserFrames.isRuntime(cls)) {
                    calledOperation = frame;
                }
                continue;
            }
            if (own.isEmpty() && calledOperation != null && !running) {
                waitingIn = operationName(calledOperation);
            }
            own.add(frame);
        }
        return new Task(waitingIn, own.isEmpty() ? null : own.get(0), List.copyOf(own), spawnChain);
    }

    /** The JDK's frames under a zsync operation: how a thread parks, not the task's own code. */
    private static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.");
    }

    /** {@code Queue.get}; the runtime's {@code io.zsync.CoreIo} is {@code Io} to its users. */
    private static String operationName(StackTraceElement frame) {
        String cls = frame.getClassName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        return (cls.equals(CORE_IO) ? "Io" : simple) + "." + frame.getMethodName();
    }
}
