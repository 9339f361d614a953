package io.zsync;

import io.zsync.diagnostics.Leaks;
import io.zsync.internal.LeakRegistry;
import io.zsync.internal.SpawnTrace;
import io.zsync.internal.jfr.AwaitEvent;
import io.zsync.internal.jfr.TaskEvents;
import io.zsync.internal.jfr.TaskRunEvent;
import io.zsync.internal.jfr.WaitEvent;
import io.zsync.spi.Job;
import io.zsync.spi.Strand;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future.State;
import java.util.concurrent.TimeoutException;

/**
 * The handle of a task started by {@link Io#async} or {@link Io#concurrent}: its eventual result
 * {@code T} or failure {@code E}, and the means to cancel it.
 *
 * <p>Always end a future with {@link #await()} or {@link #cancel()}, or open it in
 * try-with-resources so that {@link #close()} cancels it if it was never awaited: the Java form of
 * Zig's {@code defer future.cancel(io)}. The leak detector ({@link Leaks}) reports a future left
 * unended: never awaited, canceled nor closed (an {@code await} that timed out does not count).
 * A {@link Group}'s member needs none of these: the group ends it, and is tracked instead; a future
 * {@linkplain Select#add added to a select} is the select's to end from then on.
 *
 * <p>{@link #awaitAll} awaits many futures at once, and {@link Select#add} races them.
 *
 * <p>{@code await} and {@code cancel} are idempotent: once the task has ended, every later call
 * returns the same result or throws the same exception. All methods are safe to call from any task
 * or thread; everything the task did happens-before {@code await} or {@code cancel} returns.
 *
 * @param <T> the task's result type
 * @param <E> the checked exception the task may throw
 */
public sealed class Future<T, E extends Exception> extends Waitable implements AutoCloseable permits Future.Started {

    private static final VarHandle STRAND;
    private static final VarHandle TRACE;

    static {
        try {
            STRAND = MethodHandles.lookup().findVarHandle(Future.class, "strand", Strand.class);
            TRACE = MethodHandles.lookup().findVarHandle(Future.class, "trace", SpawnTrace.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Before the task runs, the task: a {@link Task}, or a {@link VoidTask} whose result is
     * {@code null}. Then its result, or {@code null}: one field, since a suspended task costs
     * every byte it holds.
     */
    private Object taskThenResult;
    /** The group or select the task belongs to, told when it ends; or {@code null}. */
    private final TaskSet owner;
    /** Where the task was spawned, or {@code null} when async traces are off. */
    private final StackTraceElement[] spawnSite;
    /** The trace of the task that spawned this one, or {@code null}. */
    private final SpawnTrace spawner;

    private Throwable failure;
    private volatile boolean done;
    private volatile boolean consumed;
    /** Created and changed under {@code this}; volatile so that completion can skip the lock. */
    private volatile WaitList awaiters;

    private volatile boolean cancelRequested;
    private volatile Strand strand;
    /** Touched only by the task's own strand. */
    private boolean cancelDelivered;
    private int protectDepth;
    private Future<?, ?> inlineParent;
    /**
     * The scopes the task is in: its {@link Io#withTimeout} deadlines and the groups it made (in
     * one object, made on first use, since few tasks need either and a suspended task costs every
     * byte it holds). Set by the task's own strand, under {@code this}; read unlocked only there.
     */
    private CancelScopes scopes;
    /**
     * Made on first use, by any strand (see {@link #trace()}); or with the future, when the leak
     * detector tracks it, to hold the tracker (see {@link #settle()}).
     */
    private SpawnTrace trace;

    private Future(CoreIo runtime, Object task, TaskSet owner,
            StackTraceElement[] spawnSite, SpawnTrace spawner, boolean trackLeak) {
        super(runtime);
        this.taskThenResult = task;
        this.owner = owner;
        this.spawnSite = spawnSite;
        this.spawner = spawner;
        if (trackLeak) {
            trace = new SpawnTrace(spawnSite, spawner, LeakRegistry.trackFuture(runtime.leakLevel(), this, task, spawnSite, spawner));
        }
    }

    /**
     * Waits for the task to end and returns its result or throws its exception. A cancellation
     * point: if the waiting task is canceled meanwhile, the cancellation is passed on to this task,
     * the caller waits for it to end, and then throws {@link CanceledException}; the task's outcome
     * stays available to a later {@code await} or {@code cancel}.
     *
     * @throws E the task's own exception (with an {@link AsyncStackTrace} attached)
     * @throws CanceledException if the task ended canceled, or the caller was canceled
     * @throws IllegalStateException if a task awaits its own future
     */
    public T await() throws E {
        settle();
        waitDone(NO_DEADLINE, true);
        return outcome();
    }

    /**
     * Like {@link #await()}, but gives up after {@code timeout}; the task keeps running.
     *
     * @throws TimeoutException if the task has not ended within {@code timeout}
     */
    public T await(Duration timeout) throws E, TimeoutException {
        if (!waitDone(runtime.deadline(timeout), true)) {
            // Not settled: the caller still owes an await or a cancel.
            throw new TimeoutException("the task did not end within " + timeout
                    + "; it keeps running: await it again, or cancel() it if its result is no longer needed");
        }
        settle();
        return outcome();
    }

    /**
     * Requests cancellation, waits for the task to end, and returns what it produced: its result
     * if it finished anyway, its exception, or {@link CanceledException} if it stopped at a
     * cancellation point. If the task had already ended, just returns its outcome. Idempotent. The
     * wait is not itself a cancellation point: a canceled caller still waits for the task to end.
     *
     * @throws IllegalStateException if a task cancels its own future
     */
    public T cancel() throws E {
        settle();
        if (!done) {
            requestCancel();
            waitDone(NO_DEADLINE, false);
        }
        return outcome();
    }

    /**
     * Waits for every one of {@code futures} to end and returns their results in the collection's
     * order: the all-of of {@code CompletableFuture.allOf} and Kotlin's {@code awaitAll}, with the
     * tasks' exception type kept. For a {@link Group}'s members, that is the order they were started.
     *
     * <p>It ends every future given: when it returns or throws, none is still running, and the leak
     * detector tracks none of them. As soon as one ends without a result, it cancels the others,
     * waits for them (uncancelably), and throws the failure of the first to fail, in the order they
     * ended, with the later failures attached as suppressed; a future that ended canceled makes it
     * throw {@link CanceledException} only if none failed. A cancellation point: if the caller is
     * canceled, every future is canceled and waited for, then {@code CanceledException} is thrown.
     * On a backend without concurrency the futures have ended by the time they are made, so it never
     * waits. Safe to call from any task or thread, also for futures awaited elsewhere at the same
     * time; everything the tasks did happens-before it returns.
     *
     * @param futures the futures, each at most once; may be empty
     * @return the results, in the order of {@code futures}: an unmodifiable list, holding {@code null}
     *         for a {@link VoidTask}'s
     * @throws E the first failure, with the others attached as suppressed
     * @throws CanceledException if a future ended canceled and none failed, or the caller was canceled
     * @throws NullPointerException if {@code futures} or one of them is {@code null}; the message says which
     * @throws IllegalArgumentException if a future is given twice
     */
    public static <T, E extends Exception> List<T> awaitAll(Collection<? extends Future<? extends T, ? extends E>> futures)
            throws E {
        Objects.requireNonNull(futures, "futures is null; pass the futures to await (an empty list is fine)");
        List<Future<? extends T, ? extends E>> all = new ArrayList<>(futures);
        Set<Future<?, ?>> distinct = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Future<?, ?> f = all.get(i);
            if (f == null) {
                throw new NullPointerException("futures holds null at index " + i + "; pass the futures of started tasks");
            }
            if (!distinct.add(f)) {
                throw new IllegalArgumentException("futures holds one future twice (again at index " + i + "); pass each once");
            }
        }
        if (all.isEmpty()) {
            return List.of();
        }
        Select<T, E> set = new Select<>(all.get(0).runtime);
        for (Future<? extends T, ? extends E> f : all) {
            set.add(f);
        }
        for (int left = all.size(); left > 0; left--) {
            Future<? extends T, ? extends E> ended = set.awaitEnded();
            if (ended.failure != null) {
                throw CoreIo.<E>rethrow(cancelTheRest(set, ended.failure));
            }
        }
        List<T> results = new ArrayList<>(all.size());
        for (Future<? extends T, ? extends E> f : all) {
            results.add(f.resultNow());
        }
        return Collections.unmodifiableList(results);
    }

    /**
     * {@link #awaitAll}'s end when a future ended with {@code first} rather than a result: cancels
     * those still running, waits for them, and returns what to throw.
     */
    private static Throwable cancelTheRest(Select<?, ?> set, Throwable first) {
        set.requestCancelAll();
        set.awaitIdle(false);
        Throwable thrown = first;
        for (Future<?, ?> f = set.pollEnded(); f != null; f = set.pollEnded()) {
            Throwable t = f.failure;
            if (t == null || t instanceof CanceledException) {
                continue;
            }
            if (thrown instanceof CanceledException) {
                thrown = t;
            } else if (t != thrown) {
                thrown.addSuppressed(t);
            }
        }
        return thrown;
    }

    /** Whether the task has ended. Never blocks. */
    public boolean isDone() {
        return done;
    }

    /**
     * What the task has come to, as {@link java.util.concurrent.Future#state()} says it: still
     * {@code RUNNING} (or not started yet), or ended with a result ({@code SUCCESS}), with
     * {@link CanceledException} ({@code CANCELLED}), or with another exception ({@code FAILED}).
     * Never blocks; once it is not {@code RUNNING} it never changes, and everything the task did
     * happens-before a call that sees it so.
     */
    public State state() {
        if (!done) {
            return State.RUNNING;
        }
        Throwable f = failure;
        if (f == null) {
            return State.SUCCESS;
        }
        return f instanceof CanceledException ? State.CANCELLED
                : State.FAILED;
    }

    /**
     * The task's result, without waiting, for a task known to have ended with one ({@link #state()}
     * is {@code SUCCESS}), as {@link java.util.concurrent.Future#resultNow()} gives it. Taking it
     * ends the future as {@link #await()} does: the leak detector no longer tracks it.
     *
     * @throws IllegalStateException if the task has not ended, or ended with an exception or
     *         canceled; the message says which (and the exception is the cause)
     */
    public T resultNow() {
        State state = state();
        if (state != State.SUCCESS) {
            throw new IllegalStateException("resultNow: the task " + describeState(state)
                    + "; check state() first, or await() it", state == State.RUNNING ? null : failure);
        }
        settle();
        consumed = true;
        @SuppressWarnings("unchecked")
        T result = (T) taskThenResult;
        return result;
    }

    /**
     * The exception the task ended with, without waiting, for a task known to have failed
     * ({@link #state()} is {@code FAILED}), as {@link java.util.concurrent.Future#exceptionNow()}
     * gives it: its own exception, of type {@code E} or unchecked. Taking it ends the future as
     * {@link #await()} does: the leak detector no longer tracks it.
     *
     * @throws IllegalStateException if the task has not ended, ended with a result, or was canceled
     */
    public Throwable exceptionNow() {
        State state = state();
        if (state != State.FAILED) {
            throw new IllegalStateException("exceptionNow: the task " + describeState(state)
                    + "; check state() first, or await() it");
        }
        settle();
        consumed = true;
        return failure;
    }

    private static String describeState(State state) {
        return switch (state) {
            case RUNNING -> "has not ended yet";
            case SUCCESS -> "ended with a result, not an exception";
            case FAILED -> "ended with an exception, not a result";
            case CANCELLED -> "was canceled";
        };
    }

    /**
     * This task as a {@link CompletableFuture}, for code that takes a {@link java.util.concurrent.CompletionStage}
     * or a {@link java.util.concurrent.Future}. A new one each call; never blocks.
     *
     * <ul>
     *   <li>When the task ends, the returned future completes with its result, with its exception
     *       (the same object, which {@code get()} wraps in an {@code ExecutionException} and
     *       {@code join()} in a {@code CompletionException}), or, if it ended canceled, is
     *       canceled: {@code isCancelled()} is {@code true} and the {@link CancellationException}
     *       has the task's {@link CanceledException} as its cause.</li>
     *   <li>A timeout: a task that an awaiter's {@link Io#withTimeout} deadline canceled (passed
     *       on by {@link #await()}) ended canceled, so the returned future is canceled, and the
     *       {@link java.util.concurrent.TimeoutException} is the awaiter's; a task whose own
     *       {@code withTimeout} fired failed with that {@code TimeoutException}, which the
     *       returned future completes exceptionally with.</li>
     *   <li>It completes on its {@linkplain CompletableFuture#defaultExecutor() default executor},
     *       never on the thread that ran the task, so that actions attached with the non-async
     *       methods ({@code thenApply}, ...) never run on an event loop or in a backend's thread;
     *       it may therefore complete a moment after {@link #await()} returns.</li>
     *   <li>Completing it from outside first ({@code cancel}, {@code complete},
     *       {@code completeExceptionally}, {@code orTimeout}) requests cancellation of the task, as
     *       {@link #cancel()} does without waiting: its outcome is no longer wanted, and the leak
     *       detector stops tracking this future then, as after {@code cancel()}.</li>
     *   <li>The leak detector: the returned future takes the task's outcome when the task ends,
     *       which ends this future as {@link #await()} does. Until then this future is still the
     *       caller's to end, by ending the task (canceling the returned future does): a task that
     *       never ends is reported. Do not {@link #close()} this future after handing the other
     *       one out (in a try-with-resources, say), unless the task should be canceled.</li>
     * </ul>
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> stage = new CompletableFuture<>();
        stage.whenComplete((result, thrown) -> {
            // Completed from outside (or by the task's end): the outcome is no longer this future's to take.
            requestCancel();
            settle();
        });
        StageCompletion<T> completion = new StageCompletion<>(this, stage);
        Waiter w = new Waiter(completion, null);
        synchronized (this) {
            if (!done) {
                addAwaiter(w);
                return stage;
            }
        }
        completion.run();
        return stage;
    }

    /** Hands the ended task's outcome to {@code stage}; the outcome is taken, as by {@link #await()}. */
    void completeStage(CompletableFuture<T> stage) {
        settle();
        consumed = true;
        Throwable f = failure;
        if (f == null) {
            @SuppressWarnings("unchecked")
            T result = (T) taskThenResult;
            stage.complete(result);
        } else if (f instanceof CanceledException canceled) {
            CancellationException cancellation = new CancellationException(canceled.getMessage());
            cancellation.initCause(canceled);
            stage.completeExceptionally(cancellation);
        } else {
            stage.completeExceptionally(f);
        }
    }

    /**
     * Cancels the task and discards its outcome, unless {@link #await()} or {@link #cancel()}
     * already took it. A task whose result holds a resource should be ended with {@link #cancel()}
     * instead, so the resource can be released.
     */
    @Override
    public void close() {
        settle();
        if (!consumed) {
            try {
                cancel();
            } catch (Throwable discarded) {
                // close() is the "defer cancel, ignore outcome" form; cancel() hands the outcome out
            }
        }
    }

    @Override
    public String toString() {
        return "Future[" + (done ? (failure == null ? "done" : "failed: " + failure) : "running") + "]";
    }

    // ---- runtime side ---------------------------------------------------------------------

    /**
     * Runs the task on {@code strand}, inside whatever task the strand was running before, and
     * records its outcome; {@link #complete()} then makes it visible.
     */
    void run(Strand strand) {
        Object outer = strand.attachment();
        inlineParent = outer instanceof Future<?, ?> parent ? parent : null;
        CancelScopes under = CoreIo.scopesOf(outer);
        if (under != null && under.armed() != NO_DEADLINE) {
            // Run inline, the task is part of its caller's work: the deadline over the caller is over it too.
            synchronized (this) {
                scopes = CancelScopes.inheriting(under.armed());
            }
        }
        this.strand = strand;
        strand.attach(this);
        Object task = taskThenResult;
        taskThenResult = null;
        startRunEvent();
        try {
            if (task instanceof VoidTask<?> body) {
                body.run();
            } else {
                taskThenResult = ((Task<?, ?>) task).run();
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            strand.attach(outer);
            // No fence needed: a canceler that still sees the strand only unparks it spuriously.
            STRAND.setRelease(this, null);
            inlineParent = null;
            endRunEvent();
        }
    }

    /** Publishes the outcome {@link #run} recorded and wakes the awaiters. Once, after {@code run}. */
    void complete() {
        if (failure instanceof StackOverflowError overflow && !(overflow instanceof TaskStackOverflowError)) {
            failure = new TaskStackOverflowError(describe(), overflow);
        }
        if (failure != null && !(failure instanceof CanceledException) && spawnSite != null
                && AsyncStackTrace.of(failure) == null) {
            failure.addSuppressed(trace().toException());
        }
        if (owner != null) {
            owner.memberEnding(this);
        }
        done = true;
        // Nobody awaits most tasks by the time they end: take the lock only if someone does. A
        // waiter (or a watch) adds itself, then re-reads done, so one of the two sides always sees
        // the other.
        if (awaiters != null) {
            synchronized (this) {
                awaiters.wakeAll(Waiter.GRANTED);
            }
        }
        if (owner != null) {
            owner.memberDone(this);
        }
    }

    /**
     * Ends this future, whose task never starts: the group it was started in refused it (failed
     * or canceled). Before the future is handed out, so nobody awaits it yet.
     */
    void refuse(CanceledException why) {
        taskThenResult = null;
        failure = why;
        done = true;
    }

    /** Under the monitor: adds {@code w} to those told when this future ends. */
    private void addAwaiter(Waiter w) {
        if (awaiters == null) {
            awaiters = new WaitList();
        }
        awaiters.add(w);
    }

    /**
     * Tells {@code set}, which took this future over, when the task ends ({@link TaskSet#memberDone}),
     * or at once if it has ended. The caller holds no lock: the future's comes before the set's.
     */
    void watchedBy(TaskSet set) {
        Watch watch = new Watch(set, this);
        synchronized (this) {
            addAwaiter(watch);
            if (!done) {
                return;
            }
            awaiters.remove(watch);
        }
        set.memberDone(this);
    }

    /**
     * A set's watch on a future it took over, kept with the future's awaiters (so that a future
     * costs no field for it): woken as the task ends, it tells the set instead of unparking.
     */
    private static final class Watch extends Waiter {

        private final TaskSet set;
        private final Future<?, ?> future;

        Watch(TaskSet set, Future<?, ?> future) {
            super(null, null);
            this.set = set;
            this.future = future;
        }

        @Override
        void wake(int outcome) {
            set.memberDone(future);
        }
    }

    /** Where this task was spawned, then its spawner, and so on: for a task dump, from any thread. */
    List<StackTraceElement> spawnChain() {
        return spawnSite == null ? List.of() : new SpawnTrace(spawnSite, spawner).spawnSites();
    }

    /** Names this task for an error message: by where it was spawned, when that is known. */
    String describe() {
        return spawnSite == null || spawnSite.length == 0
                ? "a task (its spawn site is not recorded: asyncTrace is OFF)"
                : "the task spawned at " + spawnSite[0];
    }

    /**
     * The caller took charge of the outcome (awaited, canceled or closed the future), or never
     * got the future (the start was refused): the leak detector stops tracking it. A plain read
     * of {@code trace}: a tracked future made it before it was handed out, and an untracked one
     * may race with its task making it, harmlessly.
     */
    void settle() {
        if (runtime.leakLevel() != Leaks.Level.OFF) {
            SpawnTrace t = trace;
            if (t != null && t.leak != null) {
                t.leak.close();
            }
        }
    }

    /** Returns {@code true} once done; {@code false} if the deadline passed first. */
    private boolean waitDone(long deadline, boolean cancelable) {
        if (!consumed) {
            consumed = true;
        }
        if (done) {
            return true;
        }
        Strand me = runtime.currentStrand();
        if (CoreIo.taskOf(me) == this) {
            throw new IllegalStateException("a task cannot await or cancel its own future: it would wait for itself forever");
        }
        Waiter w = new Waiter(me, null);
        synchronized (this) {
            addAwaiter(w);
            if (done) {
                awaiters.remove(w);
                return true;
            }
        }
        try {
            return block(w, deadline, cancelable) != Waiter.WAITING;
        } catch (CanceledException e) {
            requestCancel();
            waitDone(NO_DEADLINE, false);
            throw e;
        }
    }

    T outcome() throws E {
        Throwable f = failure;
        if (f == null) {
            @SuppressWarnings("unchecked")
            T result = (T) taskThenResult;
            return result;
        }
        throw CoreIo.<E>rethrow(f);
    }

    boolean endedCanceled() {
        return failure instanceof CanceledException;
    }

    Throwable failure() {
        return failure;
    }

    void requestCancel() {
        if (done) {
            return;
        }
        if (!cancelRequested && TaskEvents.cancelRecorded()) {
            TaskEvents.cancelRequested(trace().id(), eventIdOf(runtime.currentTask()));
        }
        cancelRequested = true;
        Strand s = strand;
        if (s != null) {
            s.unpark();
        }
    }

    /** Whether this task's cancellation was requested, or the deadline of a scope it is in passed. Own strand only. */
    boolean cancelRequested() {
        return cancelRequested || scopes != null && runtime.passed(scopes.at);
    }

    /**
     * Whether the next cancellation point of this task should throw: its own request, or a
     * request to the task that is running it inline, neither deferred by protection; or the
     * deadline of a {@link Io#withTimeout} scope it is in. Own strand only.
     */
    boolean cancelPending() {
        return requestPending() || scopes != null && scopes.due(runtime);
    }

    private boolean requestPending() {
        if (protectDepth > 0) {
            return false;
        }
        if (cancelRequested) {
            return !cancelDelivered;
        }
        Future<?, ?> parent = inlineParent;
        return parent != null && parent.requestPending();
    }

    /**
     * Marks the pending cancellation delivered, cancels the groups it concerns, and makes the
     * exception: for a request, every group this task owns; for a deadline, those made inside the
     * scope whose deadline it is. A request goes first: it is no timeout.
     */
    CanceledException deliverCancel() {
        if (!requestPending() && scopes != null && scopes.due(runtime)) {
            cancelGroups(scopes.atDepth);
            return scopes.deliver();
        }
        cancelRequested = true;
        cancelDelivered = true;
        cancelGroups(0);
        return new CanceledException();
    }

    /** Requests the cancellation of the groups this task made at least {@code depth} scopes deep. */
    private void cancelGroups(int depth) {
        Group<?>[] owned;
        synchronized (this) {
            owned = scopes == null ? null : scopes.groupsFrom(depth);
        }
        if (owned != null) {
            for (Group<?> g : owned) {
                g.requestCancelAll();
            }
        }
    }

    void recancel() {
        if (cancelRequested) {
            cancelDelivered = false;
        }
        if (scopes != null) {
            scopes.recancel();
        }
    }

    /** This task's scopes, or {@code null} if it never was in one nor made a group. Own strand only. */
    CancelScopes scopes() {
        return scopes;
    }

    /** This task's scopes, made if need be. Own strand only. */
    CancelScopes scopesMade() {
        CancelScopes made = scopes;
        if (made == null) {
            synchronized (this) {
                made = scopes = new CancelScopes();
            }
        }
        return made;
    }

    void protect() {
        protectDepth++;
    }

    void unprotect() {
        protectDepth--;
    }

    /** Adopts {@code g}, made by this task: on its own strand. */
    void ownGroup(Group<?> g) {
        CancelScopes made = scopesMade();
        synchronized (this) {
            made.own(g);
        }
    }

    synchronized void disownGroup(Group<?> g) {
        if (scopes != null) {
            scopes.disown(g);
        }
    }

    /**
     * Ends this task, which its backend abandoned as it closed (suspended, or started and not
     * begun): reports it to the leak detector, then completes it with {@link CanceledException},
     * waking its awaiters and telling its group or select. On the thread the task ran on, or
     * would have; the task never runs on.
     */
    void abandon() {
        LeakRegistry.abandoned(runtime.leakLevel(), toString(), spawnSite, spawner);
        // run() sets the strand as the task begins and clears it as the task ends.
        boolean begun = strand != null;
        taskThenResult = null;
        failure = new CanceledException("the Io was closed " + (begun ? "while the task was suspended" : "before the task started")
                + ", so it never ran on; await or cancel a task before closing its Io to let it end");
        STRAND.setRelease(this, null);
        if (begun) {
            endRunEvent();
        }
        complete();
    }

    /**
     * This task's spawn trace, for its children, its failure and its events; made on first use.
     * Any strand: a wait or a cancel names the task it concerns from the waiter's or the
     * canceler's strand. The hot path, a parent spawning its next child, is a plain read.
     */
    SpawnTrace trace() {
        SpawnTrace made = trace;
        if (made == null) {
            made = new SpawnTrace(spawnSite, spawner);
            SpawnTrace first = (SpawnTrace) TRACE.compareAndExchange(this, null, made);
            if (first != null) {
                made = first;
            }
        }
        return made;
    }

    /** The id of {@code task} in JFR events, or 0 for none (a plain thread). */
    static long eventIdOf(Future<?, ?> task) {
        return task == null ? 0 : task.trace().id();
    }

    /** Begins the task's {@code io.zsync.TaskRun} event, if it is recorded; on its own strand, as it starts. */
    private void startRunEvent() {
        TaskRunEvent run = TaskEvents.runStarted();
        if (run != null) {
            trace().run = run;
        }
    }

    /** Ends the task's {@code io.zsync.TaskRun} event with its {@link #failure}, if one was begun; on its own strand. */
    private void endRunEvent() {
        SpawnTrace t = trace;
        if (t != null && t.run != null) {
            TaskRunEvent run = t.run;
            t.run = null;
            TaskEvents.runEnded(run, t.id(), failure);
        }
    }

    @Override
    final WaitEvent beginWaitEvent() {
        return TaskEvents.recorderUp() ? AwaitEvent.beginIfRecorded() : null;
    }

    @Override
    final void describeWait(WaitEvent event) {
        ((AwaitEvent) event).awaited("Future", trace().id());
    }

    /**
     * A future that is also the job handed to the backend, so that a task costs one object less
     * (a suspended task keeps every object it holds). Its {@link Job} methods are for the backend.
     */
    static final class Started<T, E extends Exception> extends Future<T, E> implements Job {

        Started(CoreIo runtime, Object task, TaskSet owner, StackTraceElement[] spawnSite, SpawnTrace spawner,
                boolean trackLeak) {
            super(runtime, task, owner, spawnSite, spawner, trackLeak);
        }

        @Override
        public void runTask(Strand strand) {
            run(strand);
        }

        @Override
        public void publish() {
            complete();
        }

        /** Reports the abandoned task to the leak detector, with its spawn site and chain, and completes it canceled. */
        @Override
        public void abandoned() {
            abandon();
        }
    }
}
