package io.zsync.diagnostics;

import io.zsync.AsyncStackTrace;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.internal.LeakRecord;

/**
 * One leak found by the leak detector (see {@link Leaks}): what leaked, where it was made, and the
 * spawn chain of the task that made it. Immutable; {@link #toString()} is the full report.
 */
public final class Leak {

    /** What was left unfinished. */
    public enum Kind {
        /** A {@link Future} never awaited, canceled nor closed. */
        FUTURE,
        /** A {@link Group} never awaited nor closed. */
        GROUP,
        /** A file, socket or other resource never closed. */
        RESOURCE,
        /**
         * A task its backend abandoned as it closed: still suspended (its coroutine frames never
         * went back to their pool), or started and not yet begun.
         */
        FRAME
    }

    private final LeakRecord record;

    Leak(LeakRecord record) {
        this.record = record;
    }

    /** What was left unfinished. */
    public Kind kind() {
        return record.kind();
    }

    /** The leaked object as it described itself when it was made, such as {@code File[/tmp/data]}. */
    public String what() {
        return record.what();
    }

    /**
     * Where the object was made: the stack from the first frame outside the runtime, nearest
     * first. Empty if that was not recorded (a task's spawn site with asyncTrace {@code OFF}).
     */
    public StackTraceElement[] site() {
        return record.site().clone();
    }

    /**
     * The spawn chain of the task that made the object: its spawn site, with the spawn site of
     * the task that spawned it as {@linkplain AsyncStackTrace#getCause() cause}, and so on; or
     * {@code null} if the object was made outside any task (or spawn traces are off).
     */
    public AsyncStackTrace spawnChain() {
        return record.spawnChain();
    }

    /** The full report: the kind, the object, where it was made, and the spawn chain. */
    @Override
    public String toString() {
        return record.report();
    }
}
