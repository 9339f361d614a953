package io.zsync;

/**
 * A scope in which the calling task's cancellation is not delivered, made by
 * {@link Io#protectCancel()}. A request that arrives inside it stays pending and is delivered at
 * the first cancellation point after the outermost scope closes. The same holds for the deadline
 * of an {@link Io#withTimeout} opened before the protection (in a task or on a plain thread); one
 * opened inside it has its deadline enforced there, so clean-up can bound its own waits.
 *
 * <pre>{@code
 * try (var shield = io.protectCancel()) {
 *     connection.sendGoodbye();   // blocks, but is not interrupted by cancellation
 * }
 * }</pre>
 *
 * Close it on the task that made it; closing twice does nothing.
 */
public final class CancelProtection implements AutoCloseable {

    private final CoreIo io;
    private final Future<?, ?> task;
    /** The deadlines of the task or plain thread, deferred while the protection is open; or {@code null}. */
    private final CancelScopes deadlines;
    private final long deferredAt;
    private final int deferredAtDepth;
    private boolean closed;

    CancelProtection(CoreIo io, Future<?, ?> task, CancelScopes deadlines) {
        this.io = io;
        this.task = task;
        this.deadlines = deadlines;
        if (deadlines != null) {
            deferredAt = deadlines.at;
            deferredAtDepth = deadlines.atDepth;
            deadlines.at = Waitable.NO_DEADLINE;
        } else {
            deferredAt = Waitable.NO_DEADLINE;
            deferredAtDepth = 0;
        }
    }

    /** Ends the protection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (io.currentTask() != task) {
            throw new IllegalStateException("a CancelProtection must be closed by the task that made it");
        }
        closed = true;
        if (task != null) {
            task.unprotect();
        }
        if (deadlines != null) {
            deadlines.at = deferredAt;
            deadlines.atDepth = deferredAtDepth;
        }
    }
}
