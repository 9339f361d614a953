package io.zsync;

import jdk.jfr.Description;
import jdk.jfr.Label;

/**
 * A wait in {@link Waitable#block}, begun when the wait starts and ended by {@link #finish}
 * when it returns, however it returns.
 */
abstract class WaitEvent extends jdk.jfr.Event {

    @Label("Waiter Task Id")
    @Description("The task that waited, or 0 for a plain thread")
    long waiterTaskId;

    @Label("Outcome")
    @Description("granted, closed (a queue closed under it) or abandoned (canceled or timed out)")
    String outcome;

    /** Ends the wait on {@code on} by {@code waiter} (or a plain thread) with a {@link Waiter} status, and records it. */
    final void finish(Waitable on, Future<?, ?> waiter, int status) {
        end();
        if (shouldCommit()) {
            waiterTaskId = TaskEvents.idOf(waiter);
            outcome = switch (status) {
                case Waiter.GRANTED -> "granted";
                case Waiter.CLOSED -> "closed";
                default -> "abandoned";
            };
            describe(on);
            commit();
        }
    }

    /** Fills in what was waited on. */
    abstract void describe(Waitable on);
}
