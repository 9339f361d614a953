package io.zsync.spi.kit.memory;

import io.zsync.spi.Op;

/**
 * The driver's state of an op that waits on a resource ({@link Op#driverState()}): which queue it
 * is in, and how its wait ended. Guarded by the monitor of the queue's resource, so that a wake by
 * the other side, a cancel and a close each see the others' effects: an op is unqueued by exactly
 * one of them.
 */
final class Wait {

    final Waiters queue;
    /** In the queue: nobody woke it yet. */
    boolean queued;
    /** Unqueued by a cancel before anything happened: its poll answers {@link Op#CANCELED}. */
    boolean canceled;
    /** Its outcome was recorded by someone else (a close): its poll answers {@link Op#DONE}. */
    boolean settled;

    Wait(Waiters queue) {
        this.queue = queue;
    }
}
