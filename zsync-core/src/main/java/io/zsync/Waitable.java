package io.zsync;

import io.zsync.internal.jfr.WaitEvent;
import io.zsync.spi.Strand;

/**
 * Base of every primitive that a task can block on. Holds the one park loop of the runtime:
 * the waiter parks its strand until it is granted, its deadline passes, or its task is canceled,
 * and leaves the wait list cleanly in the last two cases. The primitive's monitor ({@code this})
 * guards its state and its wait lists; it is never held while parking.
 */
abstract class Waitable {

    static final long NO_DEADLINE = Long.MAX_VALUE;

    final CoreIo runtime;

    Waitable(CoreIo runtime) {
        this.runtime = runtime;
    }

    /**
     * Called under the monitor when a waiter left its list without being granted (canceled or
     * timed out), so that a primitive whose head waiter blocked others can grant them now.
     */
    void abandoned(Waiter w) {}

    /**
     * The JFR event that times a wait on this primitive, begun; or {@code null} when that event is
     * not recorded, or waits on this primitive have no event (the default).
     */
    WaitEvent beginWaitEvent() {
        return null;
    }

    /** Describes what {@code event}, begun by {@link #beginWaitEvent} and to be recorded, waited on: this. */
    void describeWait(WaitEvent event) {}

    /**
     * Parks until {@code w}, already on one of this primitive's lists, is woken.
     *
     * <p>An interrupt of the waiting thread is a cancellation request: to its task, or, on a
     * plain thread that runs no task, to the wait itself (if cancelable), with the thread's
     * interrupt status restored on the way out. A cancelable wait also ends at the deadline of
     * the {@link Io#withTimeout} scope the task or thread is in ({@link CancelScopes}), if earlier
     * than its own: it then throws that scope's {@link CanceledException}.
     *
     * @return the waiter's status ({@link Waiter#GRANTED} or {@link Waiter#CLOSED}), or
     *         {@link Waiter#WAITING} if the deadline passed first
     * <p>The wait is an {@code io.zsync.Await} or {@code io.zsync.Contention} event (see
     * {@link #beginWaitEvent}), whose one reference is all a suspended waiter keeps of it.
     *
     * @throws CanceledException if {@code cancelable} and the wait was canceled before it was woken
     */
    final int block(Waiter w, long deadline, boolean cancelable) {
        Object attached = w.strand.attachment();
        Future<?, ?> task = attached instanceof Future<?, ?> f ? f : null;
        CancelScopes scopes = cancelable ? CoreIo.scopesOf(attached) : null;
        long parkUntil = scopes == null ? deadline : scopes.parkLimit(deadline);
        WaitEvent event = beginWaitEvent();
        boolean threadInterrupted = false;
        try {
            while (true) {
                int status = w.status;
                if (status != Waiter.WAITING) {
                    return status;
                }
                boolean cancel = cancelable && (threadInterrupted || runtime.cancelDue(attached));
                if (cancel || runtime.passed(deadline)) {
                    synchronized (this) {
                        if (w.status != Waiter.WAITING) {
                            return w.status;
                        }
                        w.list.remove(w);
                        abandoned(w);
                    }
                    if (!cancel) {
                        return Waiter.WAITING;
                    }
                    throw threadInterrupted ? CoreIo.threadInterrupted() : CoreIo.deliverCancel(attached);
                }
                if (w.strand.park(parkUntil)) {
                    if (task != null) {
                        task.requestCancel();
                    } else {
                        threadInterrupted = true;
                    }
                }
            }
        } finally {
            if (event != null && event.endWait()) {
                describeWait(event);
                event.commitWait(Future.eventIdOf(task), switch (w.status) {
                    case Waiter.GRANTED -> WaitEvent.GRANTED;
                    case Waiter.CLOSED -> WaitEvent.CLOSED;
                    default -> WaitEvent.ABANDONED;
                });
            }
            if (threadInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
