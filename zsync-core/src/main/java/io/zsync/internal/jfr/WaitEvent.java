package io.zsync.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;

/**
 * A wait on a primitive of the core, begun when the wait starts and, when it returns however it
 * returns, ended by {@link #endWait()} and, if that says so, described by the subclass's setter and
 * committed by {@link #commitWait}. Fed plain values: it knows nothing of what was waited on.
 */
public abstract class WaitEvent extends jdk.jfr.Event {

    /** The outcome of a wait that was granted what it waited for. */
    public static final String GRANTED = "granted";
    /** The outcome of a wait ended by a queue closing under it. */
    public static final String CLOSED = "closed";
    /** The outcome of a wait that gave up: canceled or timed out. */
    public static final String ABANDONED = "abandoned";

    @Label("Waiter Task Id")
    @Description("The task that waited, or 0 for a plain thread")
    long waiterTaskId;

    @Label("Outcome")
    @Description("granted, closed (a queue closed under it) or abandoned (canceled or timed out)")
    String outcome;

    /** For the subclasses of this package. */
    WaitEvent() {}

    /** Ends the wait's timing; whether it is to be recorded (then describe it and {@link #commitWait}). */
    public final boolean endWait() {
        end();
        return shouldCommit();
    }

    /**
     * Records the wait of the task with id {@code waiterTaskId} (0 for a plain thread), which ended
     * with {@code outcome}: {@link #GRANTED}, {@link #CLOSED} or {@link #ABANDONED}.
     */
    public final void commitWait(long waiterTaskId, String outcome) {
        this.waiterTaskId = waiterTaskId;
        this.outcome = outcome;
        commit();
    }
}
