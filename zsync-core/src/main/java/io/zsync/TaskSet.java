package io.zsync;

import io.zsync.internal.jfr.AwaitEvent;
import io.zsync.internal.jfr.TaskEvents;
import io.zsync.internal.jfr.WaitEvent;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tasks of a {@link Group} or a {@link Select} that have not ended yet, and the waiting for
 * them. Subclasses decide what a task's end means in {@link #memberEnding} and {@link #finished}.
 *
 * <p>A member is either started in the set (its future's {@code owner}) or, in a select, a future
 * started elsewhere and {@linkplain #watch taken over}: either way it is in {@link #live} until
 * {@link #memberDone} takes it out.
 */
abstract class TaskSet extends Waitable {

    /** Guarded by {@code this}. */
    final Set<Future<?, ?>> live = new LinkedHashSet<>();
    private final WaitList waiters = new WaitList();
    /** Guarded by {@code this}: set by {@link #refuseNewMembers()}, never cleared. */
    private boolean closed;

    TaskSet(CoreIo runtime) {
        super(runtime);
    }

    /**
     * Under the monitor, after {@code member} left {@link #live}.
     *
     * @return whether waiters should wake to look again
     */
    abstract boolean finished(Future<?, ?> member);

    /**
     * Called for a member started in this set as it ends, before its future shows it ended and
     * without the monitor held: what the member's end decides (a group's failure) is settled by
     * the time anyone sees the member's future done.
     */
    void memberEnding(Future<?, ?> member) {}

    /** The error a start into the closed set throws: what it is, and what to do instead. */
    abstract String closedMessage();

    /**
     * Under the monitor: why the set starts no new member although it is open (a failed or
     * canceled group), or {@code null} if it starts them.
     */
    CanceledException refusal() {
        return null;
    }

    /**
     * Registers {@code member}, about to start, or refuses it: one step under the monitor, so that
     * a member either is registered before {@link #refuseNewMembers()} (and is then canceled and
     * awaited by the close) or never starts.
     *
     * @return {@code null} if registered; else why the set does not start it now ({@link #refusal})
     * @throws IllegalStateException if the set is closed
     */
    synchronized CanceledException memberStarted(Future<?, ?> member) {
        if (closed) {
            throw new IllegalStateException(closedMessage());
        }
        CanceledException refused = refusal();
        if (refused == null) {
            live.add(member);
        }
        return refused;
    }

    /**
     * Makes {@code future}, started elsewhere, a member: {@link #memberDone} is called when it ends,
     * at once if it has ended already.
     *
     * @throws IllegalStateException if the set is closed
     * @throws IllegalArgumentException if {@code future} is a member already
     */
    final void watch(Future<?, ?> future) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(closedMessage());
            }
            if (live.contains(future) || isFinishedMember(future)) {
                throw new IllegalArgumentException("future is in this Select already (added, or started in it,"
                        + " and not handed out yet); add each future once");
            }
            live.add(future);
        }
        // Outside the monitor: a future tells its watchers under its own lock, which comes first.
        future.watchedBy(this);
    }

    /** Under the monitor: whether {@code future} ended as a member and is still kept by the set. */
    boolean isFinishedMember(Future<?, ?> future) {
        return false;
    }

    /**
     * From now on {@link #memberStarted} refuses: every member is in {@link #live} (or ended)
     * once this returns. The first step of a close.
     */
    final synchronized void refuseNewMembers() {
        closed = true;
    }

    synchronized void forget(Future<?, ?> member) {
        live.remove(member);
    }

    final void memberDone(Future<?, ?> member) {
        synchronized (this) {
            live.remove(member);
            if (finished(member)) {
                waiters.wakeAll(Waiter.GRANTED);
            }
        }
    }

    /** Requests cancellation of every task still running. Does not wait. */
    void requestCancelAll() {
        Future<?, ?>[] running;
        synchronized (this) {
            running = live.toArray(new Future<?, ?>[0]);
        }
        for (Future<?, ?> f : running) {
            f.requestCancel();
        }
    }

    /**
     * Waits until no task is running. If the waiting task is canceled meanwhile, cancels them all,
     * waits for them uncancelably, and throws {@link CanceledException}.
     */
    final void awaitIdle(boolean cancelable) {
        awaitIdle(NO_DEADLINE, cancelable);
    }

    /** {@link #awaitIdle(boolean)} until {@code deadline}: {@code false} if tasks still run then (they go on). */
    final boolean awaitIdle(long deadline, boolean cancelable) {
        while (true) {
            Waiter w;
            synchronized (this) {
                if (live.isEmpty()) {
                    return true;
                }
                w = park();
            }
            if (!waitOrCancelAll(w, deadline, cancelable)) {
                return false;
            }
        }
    }

    /** Adds a waiter for the calling strand; call under the monitor, then {@link #waitOrCancelAll}. */
    final Waiter park() {
        Waiter w = new Waiter(runtime.currentStrand(), null);
        waiters.add(w);
        return w;
    }

    @Override
    final WaitEvent beginWaitEvent() {
        return TaskEvents.recorderUp() ? AwaitEvent.beginIfRecorded() : null;
    }

    @Override
    final void describeWait(WaitEvent event) {
        ((AwaitEvent) event).awaited(getClass().getSimpleName(), 0);
    }

    /** Parks {@code w} until it is woken or {@code deadline} passes ({@code false}); canceled, cancels every task. */
    final boolean waitOrCancelAll(Waiter w, long deadline, boolean cancelable) {
        try {
            return block(w, deadline, cancelable) != Waiter.WAITING;
        } catch (CanceledException e) {
            requestCancelAll();
            awaitIdle(false);
            throw e;
        }
    }
}
