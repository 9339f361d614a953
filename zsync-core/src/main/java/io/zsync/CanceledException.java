package io.zsync;

/**
 * Thrown by a cancellation point of a task whose cancellation was requested.
 *
 * <p>Cancellation is cooperative: {@link Future#cancel()} (or a {@link Group} or {@link Select}
 * closing, or the task's own awaiter being canceled) requests it, and the task's next blocking
 * {@link Io} operation throws this exception. A request is delivered once: later cancellation
 * points do not throw again unless {@link Io#recancel()} re-arms it. Let it propagate; code that
 * must block during clean-up does so inside {@link Io#protectCancel()}.
 *
 * <p>It is unchecked so that a task's own checked exception type {@code E} stays exact.
 */
public final class CanceledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the default message. */
    public CanceledException() {
        super("the task was canceled");
    }

    /** Creates the exception with a message that says where or why. */
    public CanceledException(String message) {
        super(message);
    }
}
