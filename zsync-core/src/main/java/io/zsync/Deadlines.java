package io.zsync;

/**
 * The {@link Io#withTimeout} scopes a task, or a plain thread that runs no task, is inside: a
 * cancel scope in the manner of Trio's, with no timer. Every cancelable wait parks until the
 * earlier of its own deadline and {@link #at}, and every cancellation point throws once
 * {@link #at} has passed, so a deadline fires on any backend, in a task or on {@code main}.
 *
 * <p>The scopes themselves live on the call stack: {@code withTimeout} saves {@link #at} and
 * {@link #atDepth}, narrows them, and restores them when its task ends. Only the strand that
 * is inside the scopes touches this, so it needs no synchronisation.
 */
final class Deadlines {

    /**
     * The deadline in force: the earliest of the open scopes' (an inner scope never extends an
     * outer one), on the backend's clock; {@link Waitable#NO_DEADLINE} when none is open, or
     * inside a {@link CancelProtection} opened after them (which defers them).
     */
    long at = Waitable.NO_DEADLINE;
    /** How many scopes are open. */
    int depth;
    /**
     * The depth of the scope whose deadline {@link #at} is (1 for the outermost): its expiry
     * cancels the groups made inside that scope only. 0 for a deadline inherited from the task
     * that runs this one inline, which made every group of this one inside its scope.
     */
    int atDepth;
    /**
     * The deadline whose cancellation was delivered, so that it is delivered once, as a request
     * is; {@link Waitable#NO_DEADLINE} when none was, or {@link Io#recancel()} re-armed it.
     */
    private long delivered = Waitable.NO_DEADLINE;

    /** The deadlines of a task run inline by one under {@code inherited}: the same deadline in force. */
    static Deadlines inheriting(long inherited) {
        Deadlines d = new Deadlines();
        d.at = inherited;
        return d;
    }

    /** Whether the deadline in force has passed and its cancellation is not delivered yet. */
    boolean due(CoreIo runtime) {
        return at != delivered && runtime.passed(at);
    }

    /** The deadline in force unless already delivered: what a cancelable wait also parks until. */
    long armed() {
        return at != delivered ? at : Waitable.NO_DEADLINE;
    }

    /** How long a cancelable wait with its own {@code deadline} may park: the earlier of the two. */
    long parkLimit(long deadline) {
        return earlier(deadline, armed());
    }

    /** Marks the deadline in force delivered and makes the exception that its scope turns into a timeout. */
    CanceledException deliver() {
        delivered = at;
        return new CanceledException(at);
    }

    /** Re-arms a delivered deadline, as {@link Io#recancel()} does a delivered request. */
    void recancel() {
        delivered = Waitable.NO_DEADLINE;
    }

    /** The earlier of two deadlines on a clock that may wrap; {@link Waitable#NO_DEADLINE} is later than any. */
    static long earlier(long a, long b) {
        return isEarlier(b, a) ? b : a;
    }

    /** Whether deadline {@code a} comes strictly before {@code b}; {@link Waitable#NO_DEADLINE} is later than any. */
    static boolean isEarlier(long a, long b) {
        return a != Waitable.NO_DEADLINE && (b == Waitable.NO_DEADLINE || a - b < 0);
    }
}
