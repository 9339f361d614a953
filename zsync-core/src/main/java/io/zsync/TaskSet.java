package io.zsync;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tasks of a {@link Group} or a {@link Select} that have not ended yet, and the waiting for
 * them. Subclasses decide what a task's end means in {@link #finished}.
 */
abstract class TaskSet extends Waitable {

    /** Guarded by {@code this}. */
    final Set<Future<?, ?>> live = new LinkedHashSet<>();
    private final WaitList waiters = new WaitList();
    /** Guarded by {@code this}: set by {@link #refuseNewMembers()}, never cleared. */
    private boolean closed;

    TaskSet(CoreIo runtime) {
        super(runtime);
    }

    /**
     * Under the monitor, after {@code member} left {@link #live}.
     *
     * @return whether waiters should wake to look again
     */
    abstract boolean finished(Future<?, ?> member);

    /** The error a start into the closed set throws: what it is, and what to do instead. */
    abstract String closedMessage();

    /**
     * Registers {@code member}, about to start, or refuses it if the set is closed: one step under
     * the monitor, so that a member either is registered before {@link #refuseNewMembers()} (and is
     * then canceled and awaited by the close) or never starts.
     *
     * @throws IllegalStateException if the set is closed
     */
    synchronized void memberStarted(Future<?, ?> member) {
        if (closed) {
            throw new IllegalStateException(closedMessage());
        }
        live.add(member);
    }

    /**
     * From now on {@link #memberStarted} refuses: every member is in {@link #live} (or ended)
     * once this returns. The first step of a close.
     */
    final synchronized void refuseNewMembers() {
        closed = true;
    }

    synchronized void forget(Future<?, ?> member) {
        live.remove(member);
    }

    final void memberDone(Future<?, ?> member) {
        synchronized (this) {
            live.remove(member);
            if (finished(member)) {
                waiters.wakeAll(Waiter.GRANTED);
            }
        }
    }

    /** Requests cancellation of every task still running. Does not wait. */
    final void requestCancelAll() {
        Future<?, ?>[] running;
        synchronized (this) {
            running = live.toArray(new Future<?, ?>[0]);
        }
        for (Future<?, ?> f : running) {
            f.requestCancel();
        }
    }

    /**
     * Waits until no task is running. If the waiting task is canceled meanwhile, cancels them all,
     * waits for them uncancelably, and throws {@link CanceledException}.
     */
    final void awaitIdle(boolean cancelable) {
        awaitIdle(NO_DEADLINE, cancelable);
    }

    /** {@link #awaitIdle(boolean)} until {@code deadline}: {@code false} if tasks still run then (they go on). */
    final boolean awaitIdle(long deadline, boolean cancelable) {
        while (true) {
            Waiter w;
            synchronized (this) {
                if (live.isEmpty()) {
                    return true;
                }
                w = park();
            }
            if (!waitOrCancelAll(w, deadline, cancelable)) {
                return false;
            }
        }
    }

    /** Adds a waiter for the calling strand; call under the monitor, then {@link #waitOrCancelAll}. */
    final Waiter park() {
        Waiter w = new Waiter(runtime.currentStrand(), null);
        waiters.add(w);
        return w;
    }

    @Override
    final WaitEvent beginWaitEvent() {
        return TaskEvents.recorderUp() ? AwaitEvent.beginIfRecorded() : null;
    }

    final void waitOrCancelAll(Waiter w, boolean cancelable) {
        waitOrCancelAll(w, NO_DEADLINE, cancelable);
    }

    /** Parks {@code w} until it is woken or {@code deadline} passes ({@code false}); canceled, cancels every task. */
    final boolean waitOrCancelAll(Waiter w, long deadline, boolean cancelable) {
        try {
            return block(w, deadline, cancelable) != Waiter.WAITING;
        } catch (CanceledException e) {
            requestCancelAll();
            awaitIdle(false);
            throw e;
        }
    }
}
