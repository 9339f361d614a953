package io.zsync;

import java.time.Duration;

/**
 * Many tasks started together and ended together: structured concurrency.
 *
 * <pre>{@code
 * try (Group<IOException> group = io.group()) {
 *     for (Path p : paths) {
 *         group.async(() -> index(p));
 *     }
 *     group.await();      // all done, or the first failure (the rest canceled) is thrown
 * }                       // close(): cancels whatever is still running, and waits for it
 * }</pre>
 *
 * <p>The first task to fail (with anything but {@link CanceledException}) cancels the others; its
 * exception is thrown by {@link #await()}, with the later failures attached as suppressed. A task
 * that ends canceled is not a failure of the group. A group is owned by the task that made it: when
 * that task's cancellation is delivered, the group's tasks are canceled too.
 *
 * <p>Safe to use from any task or thread. Everything the group's tasks did happens-before
 * {@code await} or {@code close} returns. After {@code await} returns, the group may be used again.
 * The leak detector ({@link Leaks}) reports a group never awaited nor closed.
 *
 * @param <E> the checked exception the group's tasks may throw
 */
public final class Group<E extends Exception> extends TaskSet implements AutoCloseable {

    private final Future<?, ?> ownerTask;
    private final Leaks.Tracker leak;
    /** Guarded by {@code this}. */
    private Throwable failure;

    Group(CoreIo runtime, Future<?, ?> ownerTask) {
        super(runtime);
        this.ownerTask = ownerTask;
        if (ownerTask != null) {
            ownerTask.ownGroup(this);
        }
        this.leak = Leaks.trackGroup(this, ownerTask);
    }

    /**
     * Starts a task in the group, as {@link Io#async} does: concurrently if the backend can,
     * otherwise inline, at once.
     *
     * @throws IllegalStateException if the group is closed
     */
    public void async(VoidTask<? extends E> task) {
        runtime.spawn(task, false, this);
    }

    /**
     * Starts a task in the group concurrently with the caller, as {@link Io#concurrent} does.
     *
     * @throws ConcurrencyUnavailableException if the backend cannot run it concurrently
     * @throws IllegalStateException if the group is closed
     */
    public void concurrent(VoidTask<? extends E> task) {
        runtime.spawn(task, true, this);
    }

    /**
     * Waits for every task of the group to end. A cancellation point: if the caller is canceled,
     * the group's tasks are canceled and waited for, then {@link CanceledException} is thrown.
     *
     * @throws E the first failure of a task, with later failures attached as suppressed
     */
    public void await() throws E {
        leak.close();
        awaitIdle(true);
        throwFailure();
    }

    /**
     * Like {@link #await()}, but gives up after {@code timeout}: the tasks still running go on, and
     * the group is as it was (await it again, or close it, which cancels them). A cancellation
     * point, as {@link #await()} is.
     *
     * @return {@code true} if every task ended; {@code false} if some still ran after {@code timeout}
     * @throws E the first failure of a task, once every task ended
     */
    public boolean await(Duration timeout) throws E {
        if (!awaitIdle(runtime.deadline(timeout), true)) {
            // Not ended for the leak detector: the caller still owes an await or a close.
            return false;
        }
        leak.close();
        throwFailure();
        return true;
    }

    private void throwFailure() throws E {
        Throwable first;
        synchronized (this) {
            first = failure;
            failure = null;
        }
        if (first != null) {
            throw CoreIo.<E>rethrow(first);
        }
    }

    /**
     * Cancels every task still running and waits for them, uncancelably; their failures are
     * discarded. Afterwards the group starts no more tasks: a start racing the close either is
     * canceled and waited for by it, or throws {@link IllegalStateException}; no task of the group
     * runs once {@code close} has returned. Idempotent.
     */
    @Override
    public void close() {
        leak.close();
        refuseNewMembers();
        requestCancelAll();
        awaitIdle(false);
        synchronized (this) {
            failure = null;
        }
        if (ownerTask != null) {
            ownerTask.disownGroup(this);
        }
    }

    @Override
    String closedMessage() {
        return "this Group is closed; make a new one with io.group()";
    }

    @Override
    boolean finished(Future<?, ?> member) {
        Throwable t = member.failure();
        if (t != null && !(t instanceof CanceledException)) {
            if (failure == null) {
                failure = t;
                for (Future<?, ?> other : live) {
                    other.requestCancel();
                }
            } else if (failure != t) {
                failure.addSuppressed(t);
            }
        }
        return live.isEmpty();
    }
}
