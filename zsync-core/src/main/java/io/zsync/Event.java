package io.zsync;

import java.time.Duration;

/**
 * A flag that tasks can wait for: unset at first, {@link #set()} wakes every waiter and lets later
 * waits return at once, until {@link #reset()}. Setting happens-before a wait that sees it set
 * returns.
 */
public final class Event extends SyncPrimitive {

    private boolean set;
    private final WaitList waiters = new WaitList();

    Event(CoreIo runtime) {
        super(runtime);
    }

    /** Sets the event and wakes every waiter. Idempotent. */
    public synchronized void set() {
        set = true;
        waiters.wakeAll(Waiter.GRANTED);
    }

    /** Unsets the event; waits after this block again until the next {@link #set()}. */
    public synchronized void reset() {
        set = false;
    }

    /** Whether the event is set now. */
    public synchronized boolean isSet() {
        return set;
    }

    /** Waits until the event is set. A cancellation point. */
    public void await() {
        await(NO_DEADLINE, true);
    }

    /** Like {@link #await()}, but not a cancellation point. */
    public void awaitUncancelable() {
        await(NO_DEADLINE, false);
    }

    /**
     * Waits until the event is set, at most {@code timeout}. A cancellation point.
     *
     * @return {@code false} if the timeout passed first
     */
    public boolean await(Duration timeout) {
        return await(runtime.deadline(timeout), true);
    }

    private boolean await(long deadline, boolean cancelable) {
        Waiter w;
        synchronized (this) {
            if (set) {
                return true;
            }
            w = new Waiter(runtime.currentStrand(), null);
            waiters.add(w);
        }
        return block(w, deadline, cancelable) != Waiter.WAITING;
    }
}
