package io.zsync.spi;

import io.zsync.coroutine.Suspendable;

/**
 * One line of execution that can park and be unparked: a thread, or a coroutine on an event
 * loop. Every blocking {@link io.zsync.Io} operation reduces to parking the current strand
 * until another strand unparks it, a deadline passes, or cancellation is requested.
 *
 * <p>The contract is futex-like: {@link #park(long)} may return spuriously, so callers re-check
 * their condition in a loop; an {@link #unpark()} that happens before the matching park makes that
 * park return at once (a permit, as with {@link java.util.concurrent.locks.LockSupport}).
 */
public abstract class Strand {

    private Object attachment;

    /** For subclasses. */
    protected Strand() {}

    /**
     * Parks the calling strand until it is unparked, until {@code deadlineNanos} (on the
     * backend's {@link Backend#nanoTime()} clock; {@link Long#MAX_VALUE} for none) passes, or
     * spuriously. Only the strand itself calls this.
     *
     * @return {@code true} if the strand's host asked it to stop (for a thread: it was
     *         interrupted, and the interrupt status has been cleared); the core turns that into
     *         a cancellation request
     */
    @Suspendable
    public abstract boolean park(long deadlineNanos);

    /**
     * Lets other strands run before the calling one goes on, without waiting for anything. Only the
     * strand itself calls this. The default yields the thread ({@link Thread#yield()}); a strand
     * that shares its thread with others goes to the back of its thread's queue.
     */
    @Suspendable
    public void yieldNow() {
        Thread.yield();
    }

    /**
     * Where the strand is now, innermost call first, as {@link Thread#getStackTrace()} gives it:
     * the stack of its thread, or the saved frames of its suspended coroutine. For diagnostics
     * (a task dump): callable from any thread, and a snapshot that a running strand may have left
     * already. The default knows nothing and returns an empty array.
     */
    public StackTraceElement[] stackTrace() {
        return new StackTraceElement[0];
    }

    /** Makes the strand's current or next {@link #park(long)} return. Callable from any thread. */
    public abstract void unpark();

    /**
     * The runtime core's per-strand state (the task running on it, or the timeouts of a plain
     * thread). Backends neither read nor
     * write it; only the strand itself touches it, so it needs no synchronisation.
     */
    public final Object attachment() {
        return attachment;
    }

    /** Sets the runtime core's per-strand state; see {@link #attachment()}. */
    public final void attach(Object attachment) {
        this.attachment = attachment;
    }
}
