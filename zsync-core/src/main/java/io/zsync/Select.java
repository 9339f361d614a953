package io.zsync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A race: tasks that each produce a {@code U}, of which {@link #await()} hands back the first to
 * finish. Make {@code U} a sealed interface of records to tell the winners apart with a
 * {@code switch}.
 *
 * <pre>{@code
 * sealed interface Answer permits Reply, TimedOut {}
 * try (Select<Answer, IOException> race = io.select()) {
 *     race.async(() -> new Reply(fetch(url)));
 *     race.async(() -> { io.sleep(Duration.ofSeconds(1)); return new TimedOut(); });
 *     Answer first = race.await();
 * }   // close(): cancels the loser and discards what it produced
 * }</pre>
 *
 * <p>A race may also be run over futures already started elsewhere ({@link #add}), which the select
 * then owns as it owns the tasks it starts; and {@link #awaitSuccess()} takes the first result,
 * passing over failures:
 *
 * <pre>{@code
 * try (Select<String, IOException> race = io.select()) {
 *     for (URI mirror : mirrors) {
 *         race.add(io.async(() -> fetch(mirror)));
 *     }
 *     String body = race.awaitSuccess();   // the first mirror that answers; all failed: the first failure
 * }   // close(): cancels the mirrors still fetching
 * }</pre>
 *
 * <p>{@code await} may be called again for the next task to finish, so results left over after a
 * cancellation can be taken one by one (to release what they hold) rather than discarded. Tasks
 * that end canceled are skipped. Safe to use from any task or thread; what a task did
 * happens-before {@code await} returns its result. A select is not tracked by the leak detector:
 * close it (try-with-resources), or its losers run on.
 *
 * @param <U> what each task produces
 * @param <E> the checked exception the tasks may throw
 */
public final class Select<U, E extends Exception> extends TaskSet implements AutoCloseable {

    /** Guarded by {@code this}: tasks that ended and were not handed out yet. */
    private final ArrayDeque<Future<? extends U, ? extends E>> finished = new ArrayDeque<>();

    Select(CoreIo runtime) {
        super(runtime);
    }

    /**
     * Starts a racing task, as {@link Io#async} does (on a backend without concurrency it runs at once).
     *
     * @throws IllegalStateException if the select is closed
     */
    public void async(Task<? extends U, ? extends E> task) {
        runtime.spawn(task, false, this);
    }

    /**
     * Starts a racing task concurrently with the caller.
     *
     * @throws ConcurrencyUnavailableException if the backend cannot run it concurrently
     * @throws IllegalStateException if the select is closed
     */
    public void concurrent(Task<? extends U, ? extends E> task) {
        runtime.spawn(task, true, this);
    }

    /**
     * Adds {@code future}, a task started elsewhere ({@link Io#async}, a {@link Group}'s member,
     * ...), to the race. The select takes it over: from now on it is one of the select's tasks, as
     * if started here. {@link #await} hands out its outcome when it ends (at once if it has ended
     * already), and {@link #cancelDiscard()} and {@link #close()} cancel it if it is still running
     * and discard its outcome if {@code await} has not handed it out: the losers of a race are
     * canceled, unlike {@code CompletableFuture.anyOf}'s. The leak detector stops tracking the
     * future itself: closing the select ends it. The future stays usable: its own {@code await}
     * returns the same outcome.
     *
     * @throws IllegalArgumentException if {@code future} is in this select already (added, or
     *         started here, and not handed out yet)
     * @throws IllegalStateException if the select is closed
     */
    public void add(Future<? extends U, ? extends E> future) {
        Objects.requireNonNull(future, "future is null; pass a future of a task already started, or start one with async()");
        watch(future);
        future.settle();
    }

    /**
     * Waits for the next task to finish and returns its result, or throws its exception. A
     * cancellation point: if the caller is canceled, every running task is canceled and waited for,
     * then {@link CanceledException} is thrown; what they produced stays available to later calls.
     * When no task is left, a cancellation of the caller that is due (a deadline of
     * {@link Io#withTimeout} included) is thrown rather than the {@code IllegalStateException}: it
     * may be what ended the tasks canceled, as tasks that {@link #async} ran inline inherit the
     * caller's deadline.
     *
     * @throws IllegalStateException if every task started here was already handed out
     */
    public U await() throws E {
        return nextFinished(NO_DEADLINE).outcome();
    }

    /**
     * Like {@link #await()}, but gives up after {@code timeout}: the tasks still running go on, and
     * none is handed out (await again, or close the select, which cancels them).
     *
     * @throws TimeoutException if no task finished within {@code timeout}
     * @throws IllegalStateException if every task started here was already handed out
     */
    public U await(Duration timeout) throws E, TimeoutException {
        Future<? extends U, ? extends E> next = nextFinished(runtime.deadline(timeout));
        if (next == null) {
            throw new TimeoutException("no task of this Select finished within " + timeout
                    + "; they keep running: await again, or close() the select to cancel them");
        }
        return next.outcome();
    }

    /** The next task to finish, not canceled, waited for until {@code deadline}; {@code null} if that passed first. */
    private Future<? extends U, ? extends E> nextFinished(long deadline) {
        while (true) {
            Future<? extends U, ? extends E> next = awaitEnded(deadline);
            if (next == null || !next.endedCanceled()) {
                return next;
            }
        }
    }

    /**
     * Waits for the next task to finish with a result and returns it, passing over the tasks that
     * fail (and, as {@link #await()} does, those that end canceled): the first success of the race,
     * as {@code StructuredTaskScope.Joiner.anySuccessfulResultOrThrow()} gives it. The failures
     * passed over are handed out: no later {@code await} returns them. A cancellation point, as
     * {@code await} is (the failures passed over until then are dropped); when no task succeeded, a
     * cancellation of the caller that is due comes first, as in {@link #await()}, so that a
     * {@link Io#withTimeout} around the race reports its timeout rather than the failures or
     * cancellations the deadline caused.
     *
     * @throws E if every task left failed: the first failure to end, with the others attached as
     *         suppressed (an unchecked failure is thrown as it is)
     * @throws IllegalStateException if no task is left that did not end canceled
     */
    public U awaitSuccess() throws E {
        Throwable failed = null;
        boolean passedOver = false;
        while (true) {
            if (passedOver && isEmpty()) {
                runtime.checkCancel();
                if (failed != null) {
                    throw CoreIo.<E>rethrow(failed);
                }
                throw new IllegalStateException("no task of this Select succeeded: every one left"
                        + " ended canceled; start others, or do not cancel them");
            }
            Future<? extends U, ? extends E> next = awaitEnded();
            passedOver = true;
            Throwable t = next.failure();
            if (t == null) {
                return next.outcome();
            }
            if (t instanceof CanceledException) {
                continue;
            }
            if (failed == null) {
                failed = t;
            } else if (failed != t) {
                failed.addSuppressed(t);
            }
        }
    }

    /**
     * The next task to end, taken off the select: however it ended. A cancellation point, as
     * {@link #await()} is.
     *
     * @throws IllegalStateException if every task started here was already handed out
     */
    Future<? extends U, ? extends E> awaitEnded() {
        return awaitEnded(NO_DEADLINE);
    }

    /** Like {@link #awaitEnded()}, waiting until {@code deadline}; {@code null} if that passed first. */
    private Future<? extends U, ? extends E> awaitEnded(long deadline) {
        while (true) {
            Future<? extends U, ? extends E> next;
            Waiter w = null;
            synchronized (this) {
                next = finished.poll();
                if (next == null && !live.isEmpty()) {
                    w = park();
                }
            }
            if (next != null) {
                return next;
            }
            if (w == null) {
                runtime.checkCancel();
                throw new IllegalStateException("this Select has no task left to await: every task"
                        + " started in it was already handed out by await()");
            }
            if (!waitOrCancelAll(w, deadline, true)) {
                return null;
            }
        }
    }

    /** The next task that ended, taken off the select, or {@code null} if none has ended; never waits. */
    synchronized Future<? extends U, ? extends E> pollEnded() {
        return finished.poll();
    }

    /** Whether every task started here was handed out. */
    private synchronized boolean isEmpty() {
        return live.isEmpty() && finished.isEmpty();
    }

    /** The number of tasks that {@link #await()} has not handed out yet, running or finished. */
    public synchronized int remaining() {
        return live.size() + finished.size();
    }

    /**
     * Cancels every task still running, waits for them uncancelably, and discards every result not
     * handed out yet. The select stays open: tasks may be started in it again. Idempotent.
     */
    public void cancelDiscard() {
        requestCancelAll();
        awaitIdle(false);
        synchronized (this) {
            finished.clear();
        }
    }

    /**
     * {@link #cancelDiscard()}, after which the select starts no more tasks: a start racing the
     * close either is canceled and waited for by it, or throws {@link IllegalStateException}; no
     * task of the select runs once {@code close} has returned. Idempotent.
     */
    @Override
    public void close() {
        refuseNewMembers();
        cancelDiscard();
    }

    @Override
    String closedMessage() {
        return "this Select is closed; make a new one with io.select()";
    }

    @Override
    boolean isFinishedMember(Future<?, ?> future) {
        return finished.contains(future);
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean finished(Future<?, ?> member) {
        finished.add((Future<? extends U, ? extends E>) member);
        return true;
    }
}
