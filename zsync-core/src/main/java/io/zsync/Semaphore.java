package io.zsync;

import java.time.Duration;

/**
 * A counting semaphore. {@link #acquire()} takes a permit, waiting while there is none;
 * {@link #release()} returns one, handing it straight to the longest waiter. First come, first
 * served. A release happens-before the acquire that takes its permit returns.
 */
public final class Semaphore extends SyncPrimitive {

    private int permits;
    private final WaitList waiters = new WaitList();

    Semaphore(CoreIo runtime, int permits) {
        super(runtime);
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore starts with 0 or more permits, not " + permits);
        }
        this.permits = permits;
    }

    /** Takes a permit, waiting while there is none. A cancellation point: a canceled acquire took none. */
    public void acquire() {
        acquire(NO_DEADLINE, true);
    }

    /**
     * Like {@link #acquire()}, but gives up after {@code timeout}, as
     * {@code java.util.concurrent.Semaphore.tryAcquire(timeout, unit)} does: an acquire that timed
     * out took no permit (do not release one for it). A cancellation point.
     *
     * @return {@code true} if the caller took a permit; {@code false} if none came within {@code timeout}
     */
    public boolean acquire(Duration timeout) {
        return acquire(runtime.deadline(timeout), true);
    }

    /** Like {@link #acquire()}, but not a cancellation point. */
    public void acquireUncancelable() {
        acquire(NO_DEADLINE, false);
    }

    /**
     * Takes a permit as {@link #acquire()} does, runs {@code task} with it, and returns it however
     * the task ends. A cancellation point while it waits (then the task does not run).
     *
     * @throws E what the task threw
     */
    public <T, E extends Exception> T withPermit(Task<T, E> task) throws E {
        return runHolding(this::acquire, this::release, task);
    }

    /** Takes a permit as {@link #acquire()} does; closing the hold returns it. A cancellation point. */
    public Held hold() {
        acquire();
        return new Held(this::release);
    }

    /** Takes a permit if one is free now and nobody waits for one. */
    public synchronized boolean tryAcquire() {
        if (permits > 0 && waiters.isEmpty()) {
            permits--;
            return true;
        }
        return false;
    }

    private boolean acquire(long deadline, boolean cancelable) {
        Waiter w;
        synchronized (this) {
            if (permits > 0 && waiters.isEmpty()) {
                permits--;
                return true;
            }
            w = new Waiter(runtime.currentStrand(), null);
            waiters.add(w);
        }
        return block(w, deadline, cancelable) == Waiter.GRANTED;
    }

    /** Returns a permit: to the longest waiter, or to the pool. */
    public synchronized void release() {
        Waiter w = waiters.poll();
        if (w != null) {
            w.wake(Waiter.GRANTED);
        } else if (permits == Integer.MAX_VALUE) {
            throw new IllegalStateException("semaphore permit count would overflow");
        } else {
            permits++;
        }
    }

    /** The number of free permits now. */
    public synchronized int available() {
        return permits;
    }
}
