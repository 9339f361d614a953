package io.zsync;

import java.util.Arrays;

/**
 * One leak found by the leak detector (see {@link Leaks}): what leaked, where it was made, and the
 * spawn chain of the task that made it. Immutable; {@link #toString()} is the full report.
 */
public final class Leak {

    /** What was left unfinished. */
    public enum Kind {
        /** A {@link Future} never awaited, canceled nor closed. */
        FUTURE("a Future never awaited, canceled nor closed"),
        /** A {@link Group} never awaited nor closed. */
        GROUP("a Group never awaited nor closed"),
        /** A file, socket or other resource never closed. */
        RESOURCE("a resource never closed"),
        /**
         * A task its backend abandoned as it closed: still suspended (its coroutine frames never
         * went back to their pool), or started and not yet begun.
         */
        FRAME("a task abandoned, suspended, when its backend closed: its coroutine frames never went back to their pool");

        private final String meaning;

        Kind(String meaning) {
            this.meaning = meaning;
        }
    }

    private final Kind kind;
    private final String what;
    private final StackTraceElement[] site;
    private final SpawnTrace spawner;

    Leak(Kind kind, String what, StackTraceElement[] site, SpawnTrace spawner) {
        this.kind = kind;
        this.what = what;
        this.site = site == null ? new StackTraceElement[0] : site;
        this.spawner = spawner;
    }

    /** What was left unfinished. */
    public Kind kind() {
        return kind;
    }

    /** The leaked object as it described itself when it was made, such as {@code File[/tmp/data]}. */
    public String what() {
        return what;
    }

    /**
     * Where the object was made: the stack from the first frame outside the runtime, nearest
     * first. Empty if that was not recorded (a task's spawn site with asyncTrace {@code OFF}).
     */
    public StackTraceElement[] site() {
        return site.clone();
    }

    /**
     * The spawn chain of the task that made the object: its spawn site, with the spawn site of
     * the task that spawned it as {@linkplain AsyncStackTrace#getCause() cause}, and so on; or
     * {@code null} if the object was made outside any task (or spawn traces are off).
     */
    public AsyncStackTrace spawnChain() {
        return spawner == null ? null : spawner.toException("made in a task spawned at");
    }

    /** The full report: the kind, the object, where it was made, and the spawn chain. */
    @Override
    public String toString() {
        StringBuilder report = new StringBuilder("LEAK: ").append(kind.meaning).append(": ").append(what)
                .append("\n  made at");
        appendFrames(report, site);
        for (Throwable link = spawnChain(); link != null; link = link.getCause()) {
            report.append("\n  ").append(link.getMessage());
            appendFrames(report, link.getStackTrace());
        }
        return report.toString();
    }

    private static void appendFrames(StringBuilder report, StackTraceElement[] frames) {
        if (frames.length == 0) {
            report.append(" (not recorded)");
        }
        Arrays.stream(frames).forEach(frame -> report.append("\n\tat ").append(frame));
    }
}
