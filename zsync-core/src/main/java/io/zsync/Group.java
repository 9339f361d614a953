package io.zsync;

import io.zsync.diagnostics.Leaks;
import io.zsync.internal.LeakRegistry;
import java.time.Duration;
import java.util.function.Consumer;

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
 * <p>Each start returns the member's {@link Future}, its handle (as a {@code Subtask} of
 * {@code StructuredTaskScope}): its {@link Future#state() state}, and once the group is awaited,
 * its {@link Future#resultNow() result} or {@link Future#exceptionNow() exception}. The group ends
 * its members: their futures need no {@code await} of their own, and the leak detector tracks the
 * group, not them. A member's future may still be awaited, canceled (that member alone; ending
 * canceled is no failure of the group) or closed, from any task or thread. For the results of
 * several members in the order they were started, hand their futures to
 * {@link Future#awaitAll}:
 *
 * <pre>{@code
 * try (Group<IOException> group = io.group()) {
 *     List<Future<String, IOException>> pages = new ArrayList<>();
 *     for (URI u : uris) {
 *         pages.add(group.async(() -> fetch(u)));
 *     }
 *     List<String> bodies = Future.awaitAll(pages);   // in the order started
 * }
 * }</pre>
 *
 * <h2>Policies</h2>
 * A group does one of two things with a member's failure (anything but {@link CanceledException},
 * which is never a failure of the group), chosen as it is made, as a
 * {@code StructuredTaskScope.Joiner} is:
 * <table class="striped">
 * <caption>What a member's failure does</caption>
 * <tr><th>made by</th><th>a member fails</th><th>{@code await()}</th><th>like</th></tr>
 * <tr><td>{@link Io#group()}</td><td>the others are canceled, and the group is
 *     {@linkplain #isFailed() failed}: it starts no new member until {@code await} takes the
 *     failure</td><td>throws the first failure, with the later ones attached as suppressed</td>
 *     <td>{@code Joiner.awaitAllSuccessfulOrThrow()}; Kotlin's {@code coroutineScope}</td></tr>
 * <tr><td>{@link Io#supervisorGroup}</td><td>the failure goes to the group's handler and stays on
 *     the member's future; the others run on, and new members start</td><td>throws no member's
 *     failure</td><td>{@code Joiner.awaitAll()}; Kotlin's {@code supervisorScope}</td></tr>
 * </table>
 *
 * <h2>Refused starts</h2>
 * A group starts no member once it has failed, or has been canceled as a whole (its owner task's
 * cancellation was delivered, the deadline of an {@link Io#withTimeout} it was made in passed, or
 * an {@code await} was canceled), until an {@code await} returns or
 * throws the failure: {@code async} and {@code concurrent} then return a future already ended with
 * {@link CanceledException} (whose message says why, and whose cause is the group's failure), and
 * the task never runs. They do not throw, so that a loop starting members, or a member starting
 * siblings, goes on to {@code await}, which throws the failure itself; a loop that should stop
 * early checks {@link #isFailed()}. A closed group refuses with {@link IllegalStateException}.
 *
 * <h2>Ownership, threads, memory</h2>
 * A group is owned by the task that made it: when that task's cancellation is delivered, the
 * group's tasks are canceled too. Safe to use from any task or thread. Everything the group's
 * tasks did (and, in a supervisor group, the handler's calls) happens-before {@code await} or
 * {@code close} returns; a member's end decides what it decides (the group's failure, the handler's
 * call) before its future shows it ended. After {@code await} returns, the group may be used again.
 * The leak detector ({@link Leaks}) reports a group never awaited nor closed.
 *
 * @param <E> the checked exception the group's tasks may throw
 */
public final class Group<E extends Exception> extends TaskSet implements AutoCloseable {

    private final Future<?, ?> ownerTask;
    /** The scopes of the plain thread that made the group inside an {@link Io#withTimeout}; or {@code null}. */
    private final CancelScopes ownerThreadScopes;
    private final Leaks.Tracker leak;
    /** A supervisor group's handler of a member's failure; {@code null} in a fail-fast group. */
    private final Consumer<? super Throwable> onFailure;
    /** Guarded by {@code this}: the first failure of a fail-fast group, until await takes it. */
    private Throwable failure;
    /** Guarded by {@code this}: canceled as a whole (see {@link #requestCancelAll}), until await. */
    private boolean canceled;

    /** A group made by {@code ownerTask}, or, on a plain thread, inside {@code ownerThreadScopes}; either may be {@code null}. */
    Group(CoreIo runtime, Future<?, ?> ownerTask, CancelScopes ownerThreadScopes, Consumer<? super Throwable> onFailure) {
        super(runtime);
        this.ownerTask = ownerTask;
        this.ownerThreadScopes = ownerThreadScopes;
        this.onFailure = onFailure;
        if (ownerTask != null) {
            ownerTask.ownGroup(this);
        } else if (ownerThreadScopes != null) {
            ownerThreadScopes.ownOnThread(this);
        }
        this.leak = LeakRegistry.trackGroup(runtime.leakLevel(), this, ownerTask == null ? null : ownerTask.trace());
    }

    /**
     * Starts a task in the group, as {@link Io#async} does: concurrently if the backend can,
     * otherwise inline, at once.
     *
     * <p>A method reference to an overloaded method ({@code event::await}) can be ambiguous
     * between this and the {@link VoidTask} form; write a lambda ({@code () -> event.await()}).
     *
     * @return the member's future; already ended canceled, the task never run, if the group has
     *         failed or was canceled (see the class doc)
     * @throws IllegalStateException if the group is closed
     */
    public <T> Future<T, E> async(Task<T, ? extends E> task) {
        return runtime.spawn(task, false, this);
    }

    /** The {@code void} form of {@link #async(Task)}; the future's result is {@code null}. */
    public Future<Void, E> async(VoidTask<? extends E> task) {
        return runtime.spawn(task, false, this);
    }

    /**
     * Starts a task in the group concurrently with the caller, as {@link Io#concurrent} does.
     *
     * @return the member's future; already ended canceled, the task never run, if the group has
     *         failed or was canceled (see the class doc)
     * @throws ConcurrencyUnavailableException if the backend cannot run it concurrently
     * @throws IllegalStateException if the group is closed
     */
    public <T> Future<T, E> concurrent(Task<T, ? extends E> task) {
        return runtime.spawn(task, true, this);
    }

    /** The {@code void} form of {@link #concurrent(Task)}; the future's result is {@code null}. */
    public Future<Void, E> concurrent(VoidTask<? extends E> task) {
        return runtime.spawn(task, true, this);
    }

    /**
     * Waits for every task of the group to end. A cancellation point: if the caller is canceled,
     * the group's tasks are canceled and waited for, then {@link CanceledException} is thrown.
     * Then the group starts members again (see the class doc).
     *
     * @throws E in a fail-fast group ({@link Io#group()}), the first failure of a task, with later
     *         failures attached as suppressed; never in a supervisor group, whose members' failures
     *         went to its handler
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
     * @throws E in a fail-fast group, the first failure of a task, once every task ended; never in a
     *         supervisor group
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
            canceled = false;
        }
        if (first != null) {
            throw CoreIo.<E>rethrow(first);
        }
    }

    /**
     * Whether a member has failed and {@link #await()} has not taken the failure yet: from then on
     * the group starts no member (their futures end canceled at once), so a loop that starts
     * members stops when this is {@code true}. Never blocks; always {@code false} in a supervisor
     * group. Once a failing member's future shows it ended, this is {@code true}.
     */
    public synchronized boolean isFailed() {
        return failure != null;
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
        } else if (ownerThreadScopes != null) {
            ownerThreadScopes.disownOnThread(this);
        }
    }

    @Override
    String closedMessage() {
        return "this Group is closed; make a new one with io.group()";
    }

    /** A cancel of the whole group (its owner's, a canceled await's, a close's): it stops starting members, too. */
    @Override
    void requestCancelAll() {
        synchronized (this) {
            canceled = true;
        }
        super.requestCancelAll();
    }

    @Override
    CanceledException refusal() {
        if (failure != null) {
            CanceledException refused = new CanceledException("not started: this Group has failed (its first failure"
                    + " is the cause) and starts no new task until await() takes the failure; stop starting tasks"
                    + " once group.isFailed() is true");
            refused.initCause(failure);
            return refused;
        }
        if (canceled) {
            return new CanceledException("not started: this Group was canceled (its owner task was, a withTimeout"
                    + " deadline it was made under passed, or an await() on it was canceled) and starts no new task"
                    + " until an await() returns");
        }
        return null;
    }

    @Override
    void memberEnding(Future<?, ?> member) {
        Throwable t = member.failure();
        if (t == null || t instanceof CanceledException) {
            return;
        }
        if (onFailure != null) {
            report(t);
            return;
        }
        Future<?, ?>[] others;
        synchronized (this) {
            if (failure != null) {
                if (failure != t) {
                    failure.addSuppressed(t);
                }
                return;
            }
            failure = t;
            // From here on refusal() turns starts away, so every member left to cancel is in live.
            others = live.toArray(new Future<?, ?>[0]);
        }
        for (Future<?, ?> other : others) {
            if (other != member) {
                other.requestCancel();
            }
        }
    }

    /** Hands a member's failure to the supervisor's handler; a failure of the handler itself is logged. */
    private void report(Throwable memberFailure) {
        try {
            onFailure.accept(memberFailure);
        } catch (Throwable handlerFailure) {
            handlerFailure.addSuppressed(memberFailure);
            System.getLogger("io.zsync").log(System.Logger.Level.ERROR, "the onFailure handler of a supervisor"
                    + " group threw, given a member's failure (attached as suppressed); a handler should not throw",
                    handlerFailure);
        }
    }

    @Override
    boolean finished(Future<?, ?> member) {
        return live.isEmpty();
    }
}
