package io.zsync;

import java.time.Duration;
import java.util.ArrayDeque;
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
 * <p>{@code await} may be called again for the next task to finish, so results left over after a
 * cancellation can be taken one by one (to release what they hold) rather than discarded. Tasks
 * that end canceled are skipped. Safe to use from any task or thread; what a task did
 * happens-before {@code await} returns its result.
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
     * Waits for the next task to finish and returns its result, or throws its exception. A
     * cancellation point: if the caller is canceled, every running task is canceled and waited for,
     * then {@link CanceledException} is thrown; what they produced stays available to later calls.
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
            Future<? extends U, ? extends E> next;
            Waiter w = null;
            synchronized (this) {
                next = finished.poll();
                if (next == null) {
                    if (live.isEmpty()) {
                        throw new IllegalStateException("this Select has no task left to await: every task"
                                + " started in it was already handed out by await()");
                    }
                    w = park();
                }
            }
            if (next == null) {
                if (!waitOrCancelAll(w, deadline, true)) {
                    return null;
                }
            } else if (!next.endedCanceled()) {
                return next;
            }
        }
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
    @SuppressWarnings("unchecked")
    boolean finished(Future<?, ?> member) {
        finished.add((Future<? extends U, ? extends E>) member);
        return true;
    }
}
