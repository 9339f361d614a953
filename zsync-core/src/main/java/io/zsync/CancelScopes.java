package io.zsync;

import java.util.ArrayList;

/**
 * The {@link Io#withTimeout} scopes a task, or a plain thread that runs no task, is inside: cancel
 * scopes in the manner of Trio's, with no timer. Every cancelable wait parks until the earlier of
 * its own deadline and {@link #at}, and every cancellation point throws once {@link #at} has
 * passed, so a deadline fires on any backend, in a task or on {@code main}. Also the groups the
 * task (or thread) made, each with the depth of the scope it was made in, which a deadline cancels.
 *
 * <p>The scopes themselves live on the call stack: {@code withTimeout} saves {@link #at} and
 * {@link #atDepth}, narrows them, and restores them when its task ends. Only the strand that
 * is inside the scopes touches the deadlines, so they need no synchronisation; the groups are
 * guarded by the monitor of the task's future, since any strand may close a group. A plain thread
 * owns the groups it makes inside its scopes too, so that a deadline cancels them there as in a
 * task; they are guarded by this object's monitor ({@link #ownOnThread}, {@link #deliverOnThread}).
 */
final class CancelScopes {

    /** The groups the task made and has not closed; or {@code null}. */
    private ArrayList<OwnedGroup> groups;

    /** A group the task made, {@code depth} scopes deep. */
    private record OwnedGroup(Group<?> group, int depth) {}

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
    static CancelScopes inheriting(long inherited) {
        CancelScopes d = new CancelScopes();
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

    /**
     * A plain thread's {@link #deliver()}: also cancels the groups made inside the scope whose
     * deadline it is, as {@link Future#deliverCancel()} does a task's.
     */
    CanceledException deliverOnThread() {
        Group<?>[] owned;
        synchronized (this) {
            owned = groupsFrom(atDepth);
        }
        if (owned != null) {
            for (Group<?> g : owned) {
                g.requestCancelAll();
            }
        }
        return deliver();
    }

    /** Adds a group a plain thread made now, inside {@link #depth} scopes. */
    synchronized void ownOnThread(Group<?> g) {
        own(g);
    }

    /** Forgets a group a plain thread made, which closed: from any strand. */
    synchronized void disownOnThread(Group<?> g) {
        disown(g);
    }

    /** Re-arms a delivered deadline, as {@link Io#recancel()} does a delivered request. */
    void recancel() {
        delivered = Waitable.NO_DEADLINE;
    }

    /** Adds a group the task made now, inside {@link #depth} scopes. Under the task's monitor. */
    void own(Group<?> g) {
        if (groups == null) {
            groups = new ArrayList<>(2);
        }
        groups.add(new OwnedGroup(g, depth));
    }

    /** Forgets a group that closed. Under the task's monitor. */
    void disown(Group<?> g) {
        if (groups != null) {
            groups.removeIf(owned -> owned.group() == g);
        }
    }

    /** The groups made at least {@code minDepth} scopes deep, or {@code null} if there are none. Under the task's monitor. */
    Group<?>[] groupsFrom(int minDepth) {
        if (groups == null) {
            return null;
        }
        ArrayList<Group<?>> chosen = new ArrayList<>(groups.size());
        for (OwnedGroup owned : groups) {
            if (owned.depth() >= minDepth) {
                chosen.add(owned.group());
            }
        }
        return chosen.toArray(new Group<?>[0]);
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
