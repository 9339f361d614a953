package io.zsync;

/**
 * A lock or permit held until {@link #close()}: what {@link Mutex#hold()}, {@link RwLock#hold()},
 * {@link RwLock#holdShared()} and {@link Semaphore#hold()} return, for try-with-resources.
 *
 * <pre>{@code
 * try (Held held = mutex.hold()) {     // waits for the mutex: a cancellation point
 *     balance += amount;
 * }                                    // unlocked here, however the block ends
 * }</pre>
 *
 * <p>Owned by the task (or thread) that took the hold: it alone closes it. Closing again does
 * nothing.
 */
public final class Held implements AutoCloseable {

    private Runnable release;

    Held(Runnable release) {
        this.release = release;
    }

    /** Releases the hold: unlocks the lock, or returns the permit. Idempotent; never blocks. */
    @Override
    public void close() {
        Runnable r = release;
        if (r != null) {
            release = null;
            r.run();
        }
    }
}
