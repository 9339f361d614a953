package io.zsync;

/**
 * Thrown by a cancellation point of a task whose cancellation was requested, or of code inside an
 * {@link Io#withTimeout} whose deadline passed (which that {@code withTimeout} turns into its
 * {@link java.util.concurrent.TimeoutException}).
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

    /**
     * The {@link Io#withTimeout} deadline whose passing this reports, which that scope turns into
     * its timeout; {@link Waitable#NO_DEADLINE} for a cancellation that was requested.
     */
    final long deadline;

    /** Creates the exception with the default message. */
    public CanceledException() {
        super("the task was canceled");
        deadline = Waitable.NO_DEADLINE;
    }

    /** Creates the exception with a message that says where or why. */
    public CanceledException(String message) {
        super(message);
        deadline = Waitable.NO_DEADLINE;
    }

    /** The cancellation at {@code deadline}, the deadline of an {@link Io#withTimeout} scope, which passed. */
    CanceledException(long deadline) {
        super("the task was canceled: the deadline of its io.withTimeout passed");
        this.deadline = deadline;
    }
}
