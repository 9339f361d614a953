package io.zsync;

import java.time.Duration;
import java.util.Objects;

/**
 * A condition variable: tasks wait on it, holding a {@link Mutex}, until another task signals.
 * As with any condition variable, wait in a loop that re-checks the state it guards.
 *
 * <p>{@link #await(Mutex)} releases the mutex while it waits and takes it back before it returns
 * <em>or throws</em>: the mutex is re-locked uncancelably, so the caller always holds it after.
 * A signal goes to the longest waiter; a waiter that was signaled returns normally even if it was
 * canceled at the same moment (the cancellation is delivered at its next cancellation point), so
 * no signal is lost.
 */
public final class Condition extends SyncPrimitive {

    private final WaitList waiters = new WaitList();

    Condition(CoreIo runtime) {
        super(runtime);
    }

    /**
     * Releases {@code mutex}, waits for a signal, and re-locks {@code mutex}. A cancellation point.
     *
     * @throws IllegalMonitorStateException if the caller does not hold {@code mutex}
     */
    public void await(Mutex mutex) {
        await(mutex, NO_DEADLINE, true);
    }

    /** Like {@link #await(Mutex)}, but not a cancellation point. */
    public void awaitUncancelable(Mutex mutex) {
        await(mutex, NO_DEADLINE, false);
    }

    /**
     * Like {@link #await(Mutex)}, giving up after {@code timeout}.
     *
     * @return {@code false} if the timeout passed without a signal
     */
    public boolean await(Mutex mutex, Duration timeout) {
        requireMutex(mutex);
        return await(mutex, runtime.deadline(timeout), true) != Waiter.WAITING;
    }

    private int await(Mutex mutex, long deadline, boolean cancelable) {
        requireMutex(mutex);
        mutex.checkHeld();
        Waiter w = new Waiter(runtime.currentStrand(), null);
        synchronized (this) {
            waiters.add(w);
        }
        mutex.unlock();
        try {
            return block(w, deadline, cancelable);
        } finally {
            mutex.lockUncancelable();
        }
    }

    private static void requireMutex(Mutex mutex) {
        Objects.requireNonNull(mutex, "mutex is null; pass the Mutex the caller holds, which the wait releases");
    }

    /** Wakes the longest waiter, if any. */
    public synchronized void signal() {
        Waiter w = waiters.poll();
        if (w != null) {
            w.wake(Waiter.GRANTED);
        }
    }

    /** Wakes every waiter. */
    public synchronized void broadcast() {
        waiters.wakeAll(Waiter.GRANTED);
    }
}
