package io.zsync;

/**
 * A readers-writer lock: many tasks may hold it shared, or one task exclusively. Waiters are
 * served in arrival order, so a waiting writer holds back readers that come after it (writers do
 * not starve). Not reentrant. Waiting is a cancellation point in {@link #lock()} and
 * {@link #lockShared()}. A release happens-before the acquisitions it lets through return.
 */
public final class RwLock extends SyncPrimitive {

    private static final Boolean SHARED = Boolean.FALSE;
    private static final Boolean EXCLUSIVE = Boolean.TRUE;

    private int readers;
    private boolean writer;
    /** Each waiter's {@link Waiter#item} is {@link #SHARED} or {@link #EXCLUSIVE}. */
    private final WaitList waiters = new WaitList();

    RwLock(CoreIo runtime) {
        super(runtime);
    }

    /** Takes the lock exclusively, waiting for every holder to release it. A cancellation point. */
    public void lock() {
        acquire(EXCLUSIVE, true);
    }

    /** Like {@link #lock()}, but not a cancellation point. */
    public void lockUncancelable() {
        acquire(EXCLUSIVE, false);
    }

    /**
     * Takes the lock exclusively as {@link #lock()} does, runs {@code task} holding it, and releases
     * it however the task ends. A cancellation point while it waits (then the task does not run).
     *
     * @throws E what the task threw
     */
    public <T, E extends Exception> T withLock(Task<T, E> task) throws E {
        return runHolding(this::lock, this::unlock, task);
    }

    /**
     * Takes the lock shared as {@link #lockShared()} does, runs {@code task} holding it, and releases
     * it however the task ends. A cancellation point while it waits (then the task does not run).
     *
     * @throws E what the task threw
     */
    public <T, E extends Exception> T withSharedLock(Task<T, E> task) throws E {
        return runHolding(this::lockShared, this::unlockShared, task);
    }

    /** Takes the lock exclusively as {@link #lock()} does; closing the hold releases it. A cancellation point. */
    public Held hold() {
        lock();
        return new Held(this::unlock);
    }

    /** Takes the lock shared as {@link #lockShared()} does; closing the hold releases it. A cancellation point. */
    public Held holdShared() {
        lockShared();
        return new Held(this::unlockShared);
    }

    /** Takes the lock exclusively if nobody holds or waits for it. */
    public synchronized boolean tryLock() {
        return tryTake(EXCLUSIVE);
    }

    /** Releases the exclusive hold. */
    public void unlock() {
        synchronized (this) {
            if (!writer) {
                throw new IllegalMonitorStateException("unlock(): the RwLock is not held exclusively");
            }
            writer = false;
            grantWaiting();
        }
    }

    /** Takes the lock shared, waiting while a writer holds or waits for it. A cancellation point. */
    public void lockShared() {
        acquire(SHARED, true);
    }

    /** Like {@link #lockShared()}, but not a cancellation point. */
    public void lockSharedUncancelable() {
        acquire(SHARED, false);
    }

    /** Takes the lock shared if no writer holds or waits for it. */
    public synchronized boolean tryLockShared() {
        return tryTake(SHARED);
    }

    /** Releases one shared hold. */
    public void unlockShared() {
        synchronized (this) {
            if (readers == 0) {
                throw new IllegalMonitorStateException("unlockShared(): the RwLock is not held shared");
            }
            readers--;
            grantWaiting();
        }
    }

    private void acquire(Boolean mode, boolean cancelable) {
        Waiter w;
        synchronized (this) {
            if (tryTake(mode)) {
                return;
            }
            w = new Waiter(runtime.currentStrand(), mode);
            waiters.add(w);
        }
        block(w, NO_DEADLINE, cancelable);
    }

    private boolean tryTake(Boolean mode) {
        if (!waiters.isEmpty() || !fits(mode)) {
            return false;
        }
        take(mode);
        return true;
    }

    private boolean fits(Object mode) {
        return mode == EXCLUSIVE ? !writer && readers == 0 : !writer;
    }

    private void take(Object mode) {
        if (mode == EXCLUSIVE) {
            writer = true;
        } else {
            readers++;
        }
    }

    /** Under the monitor: lets through the waiters at the head that fit now, in order. */
    private void grantWaiting() {
        for (Waiter w = waiters.peek(); w != null && fits(w.item); w = waiters.peek()) {
            waiters.poll();
            take(w.item);
            w.wake(Waiter.GRANTED);
        }
    }

    @Override
    void abandoned(Waiter w) {
        grantWaiting();
    }
}
