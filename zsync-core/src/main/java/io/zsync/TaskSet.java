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

    TaskSet(CoreIo runtime) {
        super(runtime);
    }

    /**
     * Under the monitor, after {@code member} left {@link #live}.
     *
     * @return whether waiters should wake to look again
     */
    abstract boolean finished(Future<?, ?> member);

    synchronized void memberStarted(Future<?, ?> member) {
        live.add(member);
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
        while (true) {
            Waiter w;
            synchronized (this) {
                if (live.isEmpty()) {
                    return;
                }
                w = park();
            }
            waitOrCancelAll(w, cancelable);
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
        try {
            block(w, NO_DEADLINE, cancelable);
        } catch (CanceledException e) {
            requestCancelAll();
            awaitIdle(false);
            throw e;
        }
    }
}
