package io.zsync;

import io.zsync.spi.Strand;
import java.time.Duration;

/**
 * A mutual-exclusion lock held by a task (or by a plain thread that runs no task). Not reentrant.
 * Waiters are served first come, first served; {@link #unlock()} hands the lock straight to the
 * next waiter. Waiting parks the task's strand; on an event loop it suspends rather than blocks.
 *
 * <p>Unlocking happens-before the next lock of the same mutex returns.
 *
 * <pre>{@code
 * int total = mutex.withLock(() -> balance += amount);    // lock, run, unlock
 * try (Held held = mutex.hold()) { ... }                  // or as a block
 * mutex.lock();                                           // or by hand
 * try { ... } finally { mutex.unlock(); }
 * }</pre>
 */
public final class Mutex extends SyncPrimitive {

    /** The holder's identity (see {@link CoreIo#holderOn}), or {@code null} when unlocked. */
    private Object holder;
    private final WaitList waiters = new WaitList();

    Mutex(CoreIo runtime) {
        super(runtime);
    }

    /**
     * Takes the lock, waiting while another task holds it. A cancellation point: if canceled while
     * waiting, the caller does not hold the lock.
     *
     * @throws IllegalStateException if the calling task already holds it
     */
    public void lock() {
        lock(NO_DEADLINE, true);
    }

    /**
     * Like {@link #lock()}, but gives up after {@code timeout}, as
     * {@code java.util.concurrent.locks.Lock.tryLock(time, unit)} does: check what it returns, for
     * a lock that timed out is not held (and a later {@link #unlock()} fails). A cancellation point.
     *
     * <pre>{@code
     * if (mutex.lock(Duration.ofMillis(100))) {
     *     try { ... } finally { mutex.unlock(); }
     * }
     * }</pre>
     *
     * @return {@code true} if the caller holds the lock now; {@code false} if another task held it
     *         for all of {@code timeout}
     * @throws IllegalStateException if the calling task already holds it
     */
    public boolean lock(Duration timeout) {
        return lock(runtime.deadline(timeout), true);
    }

    /** Like {@link #lock()}, but not a cancellation point. */
    public void lockUncancelable() {
        lock(NO_DEADLINE, false);
    }

    /**
     * Takes the lock as {@link #lock()} does, runs {@code task} holding it, and unlocks it however
     * the task ends. A cancellation point while it waits for the lock (then the task does not run).
     *
     * @return what the task returned
     * @throws E what the task threw
     * @throws IllegalStateException if the calling task already holds the lock
     */
    public <T, E extends Exception> T withLock(Task<T, E> task) throws E {
        return runHolding(this::lock, this::unlock, task);
    }

    /**
     * Takes the lock as {@link #lock()} does, and returns the hold, whose {@link Held#close()}
     * unlocks it: for try-with-resources. A cancellation point.
     */
    public Held hold() {
        lock();
        return new Held(this::unlock);
    }

    /** Takes the lock if it is free now; never waits. */
    public boolean tryLock() {
        Object me = CoreIo.holderOn(runtime.currentStrand());
        synchronized (this) {
            if (holder == null) {
                holder = me;
                return true;
            }
            return false;
        }
    }

    private boolean lock(long deadline, boolean cancelable) {
        Strand strand = runtime.currentStrand();
        Object me = CoreIo.holderOn(strand);
        Waiter w;
        synchronized (this) {
            if (holder == null) {
                holder = me;
                return true;
            }
            if (holder == me) {
                throw new IllegalStateException("Mutex is not reentrant: the calling task already holds it");
            }
            w = new Waiter(strand, me);
            waiters.add(w);
        }
        return block(w, deadline, cancelable) == Waiter.GRANTED;
    }

    /**
     * Releases the lock, handing it to the longest waiter if there is one.
     *
     * @throws IllegalMonitorStateException if the calling task does not hold it
     */
    public void unlock() {
        Object me = CoreIo.holderOn(runtime.currentStrand());
        synchronized (this) {
            checkHeldBy(me);
            Waiter next = waiters.poll();
            holder = next == null ? null : next.item;
            if (next != null) {
                next.wake(Waiter.GRANTED);
            }
        }
    }

    /** Whether some task holds the lock now. */
    public synchronized boolean isLocked() {
        return holder != null;
    }

    /** Throws unless the calling task holds the lock. */
    void checkHeld() {
        Object me = CoreIo.holderOn(runtime.currentStrand());
        synchronized (this) {
            checkHeldBy(me);
        }
    }

    private void checkHeldBy(Object me) {
        if (holder != me) {
            throw new IllegalMonitorStateException("the calling task does not hold this Mutex"
                    + (holder == null ? " (it is unlocked)" : " (another task does)"));
        }
    }
}
