package io.zsync;

/**
 * A scope in which the calling task's cancellation is not delivered, made by
 * {@link Io#protectCancel()}. A request that arrives inside it stays pending and is delivered at
 * the first cancellation point after the outermost scope closes.
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
    private boolean closed;

    CancelProtection(CoreIo io, Future<?, ?> task) {
        this.io = io;
        this.task = task;
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
    }
}
