package io.zsync.internal;

import io.zsync.AsyncStackTrace;
import io.zsync.diagnostics.Leak;
import java.util.Arrays;

/**
 * One leak found, as the detector records it: what leaked, where it was made, and the spawn trace
 * of the task that made it. What a {@link io.zsync.diagnostics.Leak} shows its users, and what the
 * default sink logs ({@link #report()}). Immutable.
 *
 * @param kind    what was left unfinished
 * @param what    the object as it described itself when it was made
 * @param site    where it was made, nearest first; empty if not recorded
 * @param spawner the spawn trace of the task that made it, or {@code null}
 */
public record LeakRecord(Leak.Kind kind, String what, StackTraceElement[] site, SpawnTrace spawner) {

    /** Takes a {@code null} site as not recorded. */
    public LeakRecord {
        site = site == null ? new StackTraceElement[0] : site;
    }

    /** The spawn chain of the task that made the object, made now; {@code null} if made outside any task. */
    public AsyncStackTrace spawnChain() {
        return spawner == null ? null : spawner.toException("made in a task spawned at");
    }

    /** The full report: the kind, the object, where it was made, and the spawn chain. */
    public String report() {
        StringBuilder report = new StringBuilder("LEAK: ").append(meaning(kind)).append(": ").append(what)
                .append("\n  made at");
        appendFrames(report, site);
        for (Throwable link = spawnChain(); link != null; link = link.getCause()) {
            report.append("\n  ").append(link.getMessage());
            appendFrames(report, link.getStackTrace());
        }
        return report.toString();
    }

    private static String meaning(Leak.Kind kind) {
        return switch (kind) {
            case FUTURE -> "a Future never awaited, canceled nor closed";
            case GROUP -> "a Group never awaited nor closed";
            case RESOURCE -> "a resource never closed";
            case FRAME -> "a task abandoned, suspended, when its backend closed: its coroutine frames never went back to their pool";
        };
    }

    private static void appendFrames(StringBuilder report, StackTraceElement[] frames) {
        if (frames.length == 0) {
            report.append(" (not recorded)");
        }
        Arrays.stream(frames).forEach(frame -> report.append("\n\tat ").append(frame));
    }
}
