package io.zsync;

import io.zsync.coroutine.NeverSuspends;
import io.zsync.diagnostics.Leaks;
import io.zsync.diagnostics.TaskDump;
import io.zsync.fs.Fs;
import io.zsync.internal.IoCore;
import io.zsync.internal.LeakRegistry;
import io.zsync.internal.OpenIos;
import io.zsync.internal.SpawnTrace;
import io.zsync.internal.jfr.TaskEvents;
import io.zsync.net.Net;
import io.zsync.spi.Backend;
import io.zsync.spi.ChannelReadiness;
import io.zsync.spi.IoDriver;
import io.zsync.spi.IoDriverFactory;
import io.zsync.spi.Op;
import io.zsync.spi.Strand;
import io.zsync.spi.kit.ThreadStrand;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The one implementation of {@link Io}: every operation built on a {@link Backend}'s start,
 * park/unpark and clock. Backends differ only in those.
 */
final class CoreIo implements Io, IoCore {

    /*
     * Implementation overview
     * =======================
     *
     * Everything an Io does is built here and in the package's primitives on five things a
     * Backend gives: tryStart(job), a Strand to park/unpark, a clock, randomness, and an I/O
     * driver. The rationale of each piece is here; methods carry only brief comments on details.
     *
     * Tasks
     * -----
     * A task is one object, Future.Started: the future users hold and the Job the backend runs.
     * spawn: newTask checks, captures the spawn site (SpawnTrace.siteOf, per the asyncTrace
     * capture), joins the owner set (Group/Select) and maybe the leak tracker; then
     * backend.tryStart(job). A refusal runs the task inline (async) or throws
     * ConcurrencyUnavailableException (concurrent, apart in spawnConcurrent so that the weaver
     * sees it never suspends). Nothing is ever queued behind a busy unit, so nested async/await
     * cannot deadlock. On its unit the backend calls runTask (Future.run: attach the future to
     * the strand, run the body, record result or failure, detach) then publish (Future.complete:
     * done = true, wake the awaiters, tell the owner set). The unit is freed between the two. A
     * task run inline runs inside its caller's task (inlineParent), which it inherits cancellation
     * and deadlines from. A backend that closes abandons the tasks it will not run on
     * (Job.abandoned -> Future.abandon: completed canceled, reported to the leak detector).
     *
     * A strand's attachment is the core's per-strand state: the Future of the task running on
     * it, or, on a plain thread inside withTimeout, that thread's CancelScopes, or null.
     *
     * Cancellation
     * ------------
     * - Request: Future.requestCancel sets cancelRequested and unparks the task's strand; from
     *   any thread, idempotent. An interrupt of a task's thread, seen by park or checkCancel, is
     *   a request too; a plain thread's interrupt is a CanceledException at its wait.
     * - Delivery: only at cancellation points (checkCancel, Waitable.block when cancelable, sleep,
     *   the I/O waits), on the task's own strand: cancelDue asks, deliverCancel marks the request
     *   delivered and makes the exception. Delivered once: later points go on, until recancel()
     *   re-arms it. protectCancel defers delivery (protectDepth) without losing the request.
     *   Delivering a request cancels every group the task owns.
     * - CancelScopes: withTimeout's deadlines, Trio-style and with no timer. The scopes live on
     *   the call stack (underDeadline saves, narrows and restores at/atDepth); every cancelable
     *   wait parks no later than the deadline in force (parkLimit), and a point past it delivers a
     *   CanceledException carrying that deadline, which the scope that owns it turns into a
     *   TimeoutException. A deadline's delivery cancels only the groups made inside its scope.
     *   The same object holds the groups a task owns, made on first use (few tasks need it).
     *
     * Waiting
     * -------
     * Every primitive extends Waitable; its monitor guards its state and its WaitLists and is
     * never held while parking. A wait is a Waiter (strand, item, volatile status) on an
     * intrusive FIFO WaitList. Granting is one protocol, under the primitive's monitor: take the
     * waiter off its list, set item, then status, then unpark: a waiter owns what it was granted
     * even if it is canceled meanwhile, so nothing handed over is lost. Waitable.block is the
     * one park loop: re-read status; on cancellation due or deadline passed, leave the list under
     * the monitor (abandoned(w) lets the primitive grant the next waiter), unless granted first;
     * else park until the earlier of its deadline and the scope's. Spurious wake-ups are normal.
     * sleep parks directly (nothing can be granted); Future keeps its awaiters in a list made on
     * first use, and a set that took a future over watches it with a strand-less Waiter (Watch).
     *
     * Memory budget of a suspended task on evented
     * --------------------------------------------
     * A million sleeping tasks is the benchmark (./zsync bench memory); the README's 243-248
     * B/task was measured on 2026-11-28. Instance sizes with compressed oops, 12-byte headers, as
     * JOL measures them on today's code, for a task sleeping in io.sleep:
     *
     *   what                                   bytes   why that size
     *   Future.Started (future + job)           64     one object for both; the body's slot
     *                                                  then holds the result; scopes, trace
     *                                                  and awaiters made on first use
     *   EventedStrand                           40     field widths chosen (byte state, char
     *                                                  generation); pooled per loop
     *   Coroutine                               32     byte mode, char generation
     *   saved frames, long[] (7 slots used)     88     one header slot per woven frame plus
     *                                                  live primitives; grown by half, not doubled
     *   saved frames, Object[] (8 slots used)   56     live references of the frames
     *   the task's lambda (two captures)        24     kept as given: no adapter per task
     *   its loop's live-strand slot              4     (an array doubled as it grows)
     *   its loop's timer-heap slots             16     Timer ref, long deadline, int sequence:
     *                                                  no timer object per sleeper
     *   the user's reference to the future       4     (the benchmark's list)
     *
     * That sums to about 330 B, more than the README's figure: re-measure with the bench before
     * quoting either. What is not there, by design: no Waiter for a sleep, no SpawnTrace unless
     * a child or a failure asks (the spawn site is cached per task class under CACHED), no
     * adapter for a VoidTask, no timer object, no JFR event object without a recording.
     *
     * Diagnostics hooks
     * -----------------
     * - JFR: TaskEvents (TaskSpawn, TaskRun, TaskCancel) at spawn, runStarted/runEnded and the
     *   first cancel request; Waitable.beginWaitEvent (Await for futures/groups/selects,
     *   Contention for the other primitives); io.IoEvents for reads and writes; PoolEvent every
     *   second from backend.pools(), through OpenIos. Each first checks that a recorder is up.
     * - Async stack traces: SpawnTrace chains spawn sites; Future.complete attaches it to a
     *   failure as an AsyncStackTrace.
     * - Leaks: trackFuture in the Future's constructor (settle() releases it), trackGroup,
     *   Leaks.track for files and sockets, Leaks.abandoned from Future.abandon.
     * - TaskDump: backend.taskStrands(), Strand.stackTrace(), Future.spawnChain(); on a signal via
     *   TaskDumpTrigger over OpenIos; on a stall, reportStall, which the backend's whenStalled
     *   runs.
     */

    private final Backend backend;
    private final AsyncStackTrace.Capture traceCapture;
    private final Leaks.Level leakLevel;
    private final String name;
    private final Fs fs;
    private final Net net;
    /** The driver {@link IoOptions#driver} chose, or {@code null} for the backend's own. */
    private final IoDriver driver;
    /**
     * The backend's own driver once asked for: every I/O op reads it, and a backend may guard
     * {@link Backend#ioDriver()} with a lock (the thread backends start theirs on first use).
     */
    private volatile IoDriver backendDriver;
    private volatile boolean closed;

    /**
     * An {@code Io} on {@code backend}, which it owns from now on. Nothing here can fail on a
     * setting: {@link Backends#open} reads and checks the configuration before it starts the
     * backend, so that a bad setting leaks no started backend.
     *
     * @param traceCapture how spawn sites are captured ({@link IoOptions#asyncTrace}, as resolved by the open)
     * @param leakLevel how much of what this Io makes the leak detector tracks ({@link IoOptions#leaks})
     * @param driverFactory makes the I/O driver {@link IoOptions#driver} chose, or {@code null} for the backend's own
     */
    CoreIo(Backend backend, AsyncStackTrace.Capture traceCapture, Leaks.Level leakLevel, IoDriverFactory driverFactory) {
        this.backend = backend;
        this.traceCapture = traceCapture;
        this.leakLevel = leakLevel;
        this.name = backend.name();
        this.driver = driverFactory == null ? null : Objects.requireNonNull(driverFactory.create(backend),
                () -> "the I/O driver factory " + driverFactory + " made no driver (null)");
        this.fs = Fs.of(this);
        this.net = Net.of(this);
        backend.whenStalled(this::reportStall);
        OpenIos.opened(this);
    }

    /** Logs a possible deadlock, with the tasks that wait and where: the backend saw none can go on. */
    private void reportStall() {
        System.getLogger("io.zsync").log(System.Logger.Level.WARNING, "possible deadlock on '" + name
                + "': no task can run, and no timer, I/O or blocking work is pending, so only a thread outside"
                + " the backend could wake them. " + TaskDump.of(this));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Io[" + name + (closed ? ", closed]" : "]");
    }

    // ---- tasks ----------------------------------------------------------------------------

    @Override
    public <T, E extends Exception> Future<T, E> async(Task<T, E> task) {
        return spawn(task, false, null);
    }

    @Override
    public <E extends Exception> Future<Void, E> async(VoidTask<E> task) {
        return spawn(task, false, null);
    }

    @Override
    public <T, E extends Exception> Future<T, E> concurrent(Task<T, E> task) {
        return spawnConcurrent(task, null);
    }

    @Override
    public <E extends Exception> Future<Void, E> concurrent(VoidTask<E> task) {
        return spawnConcurrent(task, null);
    }

    /**
     * Starts {@code task} on a unit of concurrency of the backend's, or, unless
     * {@code mustBeConcurrent}, runs it inline now.
     *
     * @param task a {@link Task}, or a {@link VoidTask} (whose future's result is {@code null}):
     *             kept as given, so that a suspended task holds no adapter, and its class names
     *             the spawn site
     * @param owner the group or select the task joins, or {@code null}
     */
    <T, E extends Exception> Future<T, E> spawn(Object task, boolean mustBeConcurrent, TaskSet owner) {
        if (mustBeConcurrent) {
            return spawnConcurrent(task, owner);
        }
        Strand strand = backend.currentStrand();
        Future.Started<T, E> future = newTask(task, false, owner, strand);
        if (future.isDone()) {
            return future;
        }
        if (!backend.tryStart(future)) {
            future.run(strand);
            future.complete();
        }
        return future;
    }

    /**
     * Starts {@code task} on a unit of concurrency of the backend's, never inline: apart from
     * {@link #spawn}, so that the weaver sees that it never suspends its caller (a constructor may
     * call {@link #concurrent}).
     */
    <T, E extends Exception> Future<T, E> spawnConcurrent(Object task, TaskSet owner) {
        Future.Started<T, E> future = newTask(task, true, owner, backend.currentStrand());
        if (future.isDone()) {
            return future;
        }
        if (!backend.tryStart(future)) {
            if (owner != null) {
                owner.forget(future);
            }
            future.settle();
            throw new ConcurrencyUnavailableException(name, false, "the '" + name
                    + "' backend cannot start a concurrent task now: " + backend.busyReason()
                    + "; retry later, use async() (which runs the task inline when nothing is free),"
                    + " or give the backend more room");
        }
        return future;
    }

    /**
     * The future of a task about to start: checked, traced and joined to {@code owner}, not yet
     * started; or, if {@code owner} refuses new members now (a failed or canceled group), a future
     * already ended canceled, whose task never starts.
     */
    private <T, E extends Exception> Future.Started<T, E> newTask(Object task, boolean mustBeConcurrent,
            TaskSet owner, Strand strand) {
        Objects.requireNonNull(task, "task is null; pass the code the task runs");
        ensureOpen();
        if (mustBeConcurrent && !backend.hasConcurrency()) {
            throw new ConcurrencyUnavailableException(name, true, "the '" + name
                    + "' backend runs every task on its caller's thread, so it cannot run one concurrently;"
                    + " use async() where running inline is acceptable, or open a backend with concurrency,"
                    + " such as Io.open(\"virtual\") (or -Dzsync.io=virtual)");
        }
        Future<?, ?> parent = taskOf(strand);
        StackTraceElement[] site = SpawnTrace.siteOf(task, traceCapture);
        SpawnTrace spawner = parent == null || site == null ? null : parent.trace();
        // A member of a group or select is the set's to end, not the caller's: only the set is tracked.
        boolean trackLeak = owner == null && LeakRegistry.sampled(leakLevel);
        Future.Started<T, E> future = new Future.Started<>(this, task, owner, site, spawner, trackLeak);
        if (owner != null) {
            // May throw (the set closed): the future, untracked as a member, is then just dropped.
            CanceledException refused = owner.memberStarted(future);
            if (refused != null) {
                future.refuse(refused);
                return future;
            }
        }
        if (TaskEvents.spawnRecorded()) {
            SpawnTrace trace = future.trace();
            TaskEvents.spawned(trace.id(), Future.eventIdOf(parent), trace.site(), mustBeConcurrent, name);
        }
        return future;
    }

    @Override
    public <E extends Exception> Group<E> group() {
        return newGroup(null);
    }

    @Override
    public <E extends Exception> Group<E> supervisorGroup(Consumer<? super Throwable> onFailure) {
        Objects.requireNonNull(onFailure, "onFailure is null; pass what to do with a member's failure (log it, say)");
        return newGroup(onFailure);
    }

    /**
     * A group owned by the calling task, or, on a plain thread inside a {@link #withTimeout}, by
     * that thread's scopes, whose deadline cancels it as a task's does.
     */
    private <E extends Exception> Group<E> newGroup(Consumer<? super Throwable> onFailure) {
        ensureOpen();
        Object attached = backend.currentStrand().attachment();
        return attached instanceof Future<?, ?> task ? new Group<>(this, task, null, onFailure)
                : new Group<>(this, null, (CancelScopes) attached, onFailure);
    }

    @Override
    public <U, E extends Exception> Select<U, E> select() {
        ensureOpen();
        return new Select<>(this);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Io ('" + name + "') is closed and starts no new tasks;"
                    + " open a new one with Io.open(\"" + name + "\")");
        }
    }

    // ---- cancellation -----------------------------------------------------------------------

    @Override
    public void checkCancel() {
        Object attached = backend.currentStrand().attachment();
        Future<?, ?> task = attached instanceof Future<?, ?> f ? f : null;
        // A pending interrupt must not reach a channel call: an interruptible channel closes
        // itself on one. It is a cancellation request instead, as it is during a wait.
        if (Thread.currentThread().isInterrupted()) {
            if (task == null) {
                throw new CanceledException("the thread is interrupted, which zsync takes as a cancellation (a channel"
                        + " would close itself on it); clear the interrupt (Thread.interrupted()) to go on");
            }
            Thread.interrupted();
            task.requestCancel();
        }
        if (cancelDue(attached)) {
            throw deliverCancel(attached);
        }
    }

    /**
     * Whether a cancellation point on the strand that has {@code attached} should throw: its task's
     * pending cancellation, or the passed deadline of a plain thread's {@link #withTimeout}.
     */
    boolean cancelDue(Object attached) {
        if (attached instanceof Future<?, ?> task) {
            return task.cancelPending();
        }
        return attached != null && ((CancelScopes) attached).due(this);
    }

    /** Delivers what {@link #cancelDue} found. */
    static CanceledException deliverCancel(Object attached) {
        return attached instanceof Future<?, ?> task ? task.deliverCancel() : ((CancelScopes) attached).deliverOnThread();
    }

    @Override
    public boolean cancelRequested() {
        Object attached = backend.currentStrand().attachment();
        if (attached instanceof Future<?, ?> task) {
            return task.cancelRequested();
        }
        return attached != null && passed(((CancelScopes) attached).at);
    }

    @Override
    public void recancel() {
        Object attached = backend.currentStrand().attachment();
        if (attached instanceof Future<?, ?> task) {
            task.recancel();
        } else if (attached != null) {
            ((CancelScopes) attached).recancel();
        }
    }

    @Override
    public CancelProtection protectCancel() {
        Object attached = backend.currentStrand().attachment();
        Future<?, ?> task = attached instanceof Future<?, ?> f ? f : null;
        if (task != null) {
            task.protect();
        }
        return new CancelProtection(this, task, scopesOf(attached));
    }

    // ---- timeouts -----------------------------------------------------------------------------

    @Override
    public <T, E extends Exception> T withTimeout(Duration timeout, Task<T, E> task) throws E, TimeoutException {
        Objects.requireNonNull(task, "task is null; pass the code to run within the timeout");
        return underDeadline(timeout, task);
    }

    @Override
    public <E extends Exception> void withTimeout(Duration timeout, VoidTask<E> task) throws E, TimeoutException {
        Objects.requireNonNull(task, "task is null; pass the code to run within the timeout");
        underDeadline(timeout, returningNull(task));
    }

    @Override
    public <T, E extends Exception> Optional<T> withTimeoutOrEmpty(Duration timeout, Task<T, E> task) throws E {
        Objects.requireNonNull(task, "task is null; pass the code to run within the timeout");
        try {
            return Optional.ofNullable(underDeadline(timeout, task));
        } catch (TimeoutException timedOut) {
            return Optional.empty();
        }
    }

    /** {@code task} as a {@link Task} whose result is {@code null}: the {@code void} forms' one adapter. */
    private static <E extends Exception> Task<Void, E> returningNull(VoidTask<E> task) {
        return () -> {
            task.run();
            return null;
        };
    }

    /**
     * Runs {@code task} on the calling strand in a scope whose deadline is {@code timeout} from
     * now, or the enclosing one's if that is earlier; throws {@link TimeoutException} if the task
     * ended canceled by this scope's own deadline.
     */
    private <T, E extends Exception> T underDeadline(Duration timeout, Task<T, E> task) throws E, TimeoutException {
        long mine = deadline(timeout);
        Strand strand = backend.currentStrand();
        CancelScopes scopes = scopesForScope(strand);
        long outerAt = scopes.at;
        int outerAtDepth = scopes.atDepth;
        scopes.depth++;
        // Equal to the outer deadline is not earlier: the outer scope reports it.
        boolean own = CancelScopes.isEarlier(mine, outerAt);
        if (own) {
            scopes.at = mine;
            scopes.atDepth = scopes.depth;
        }
        try {
            return task.run();
        } catch (CanceledException e) {
            if (own && e.deadline == mine) {
                TimeoutException timedOut = new TimeoutException("the task did not end within " + timeout
                        + ": it was canceled at that deadline and has ended; the caller goes on uncanceled");
                timedOut.initCause(e);
                throw timedOut;
            }
            throw e;
        } finally {
            scopes.at = outerAt;
            scopes.atDepth = outerAtDepth;
            scopes.depth--;
            if (scopes.depth == 0 && strand.attachment() == scopes) {
                // A plain thread out of its last scope runs without deadlines again, as before.
                strand.attach(null);
            }
        }
    }

    /** The deadlines of the task or plain thread on {@code strand}, made (and attached to a plain thread) if need be. */
    private static CancelScopes scopesForScope(Strand strand) {
        Object attached = strand.attachment();
        if (attached instanceof Future<?, ?> task) {
            return task.scopesMade();
        }
        if (attached == null) {
            CancelScopes plain = new CancelScopes();
            strand.attach(plain);
            return plain;
        }
        return (CancelScopes) attached;
    }

    /** The deadlines of the task or plain thread whose strand has {@code attached}, or {@code null}. */
    static CancelScopes scopesOf(Object attached) {
        return attached instanceof Future<?, ?> task ? task.scopes() : (CancelScopes) attached;
    }

    // ---- blocking work ----------------------------------------------------------------------

    @Override
    public <T, E extends Exception> T blocking(Task<T, E> work) throws E {
        Objects.requireNonNull(work, "work is null; pass the blocking code to run");
        checkCancel();
        try {
            return backend.callBlocking(new BlockingWork<>(work));
        } catch (Exception e) {
            throw CoreIo.<E>rethrow(e);
        }
    }

    @Override
    public <E extends Exception> void blocking(VoidTask<E> work) throws E {
        Objects.requireNonNull(work, "work is null; pass the blocking code to run");
        blocking(returningNull(work));
    }

    /**
     * The work of {@link #blocking} as the backend takes it: run off any coroutine, on a pool
     * thread, or inline on a thread that runs one task (or none) at a time.
     */
    private record BlockingWork<T>(Task<T, ?> work) implements Callable<T> {
        @NeverSuspends
        @Override
        public T call() throws Exception {
            return work.run();
        }
    }

    // ---- the JDK's concurrency types -----------------------------------------------------------

    @Override
    public <T> T await(CompletionStage<T> stage) throws ExecutionException {
        return StageWait.await(this, stage);
    }

    @Override
    public TaskExecutor executor() {
        ensureOpen();
        return new TaskExecutor(this);
    }

    // ---- time -------------------------------------------------------------------------------

    @Override
    public void sleep(Duration duration) {
        Strand strand = backend.currentStrand();
        Object attached = strand.attachment();
        Future<?, ?> task = taskOf(strand);
        long deadline = deadline(duration);
        CancelScopes scopes = scopesOf(attached);
        long parkUntil = scopes == null ? deadline : scopes.parkLimit(deadline);
        while (true) {
            if (cancelDue(attached)) {
                throw deliverCancel(attached);
            }
            if (passed(deadline)) {
                return;
            }
            if (strand.park(parkUntil)) {
                interrupted(task);
            }
        }
    }

    @Override
    public void yieldNow() {
        backend.currentStrand().yieldNow();
    }

    @Override
    public long nanoTime() {
        return backend.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(backend.currentTimeMillis());
    }

    @Override
    public RandomGenerator random() {
        return backend.random();
    }

    /** The deadline {@code timeout} from now on {@link #nanoTime()}; saturates to "none". */
    @Override
    public long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null; pass a Duration (one too long for the clock waits without end)");
        long now = nanoTime();
        if (timeout.isNegative() || timeout.isZero()) {
            return now;
        }
        try {
            long deadline = Math.addExact(now, timeout.toNanos());
            return deadline == Waitable.NO_DEADLINE ? deadline - 1 : deadline;
        } catch (ArithmeticException tooFar) {
            return Waitable.NO_DEADLINE;
        }
    }

    boolean passed(long deadline) {
        return deadline != Waitable.NO_DEADLINE && nanoTime() - deadline >= 0;
    }

    // ---- files and network -------------------------------------------------------------------

    @Override
    public Fs fs() {
        return fs;
    }

    @Override
    public Net net() {
        return net;
    }

    // ---- I/O through the driver ---------------------------------------------------------------

    @Override
    public Io io() {
        return this;
    }

    /**
     * The driver this Io's I/O goes through: the one {@link IoOptions#driver} chose, else the
     * backend's.
     *
     * @throws IoClosedException if this Io is closed, which a {@code catch (IOException)} sees
     */
    @Override
    public IoDriver driver() throws IoClosedException {
        if (!closed) {
            if (driver != null) {
                return driver;
            }
            IoDriver own = backendDriver;
            if (own != null) {
                return own;
            }
            try {
                own = backend.ioDriver();
                backendDriver = own;
                return own;
            } catch (IllegalStateException backendClosed) {
                if (!closed) {
                    throw backendClosed;
                }
                throw new IoClosedException(name, backendClosed);
            }
        }
        throw new IoClosedException(name, null);
    }

    @Override
    public int perform(Op op, long deadline) throws IoClosedException {
        checkCancel();
        IoDriver io = driver();
        OpWait wait;
        if (op.waker() instanceof OpWait reused) {
            wait = reused;
        } else {
            wait = new OpWait(this);
            op.waker(wait);
        }
        wait.clear();
        int state = io.start(op);
        if (state == Op.WOULD_BLOCK) {
            // The one yield: on a busy server the bytes have mostly arrived by the time it is
            // back, which saves a wait through the driver (see Op#tryOnly).
            yieldNow();
            op.tryOnly(false);
            state = io.start(op);
        }
        if (state == Op.PENDING && handedToAThread(op) && backend.currentStrand() instanceof ThreadStrand) {
            wait.spinForWake(FILE_CALL_SPINS);
        }
        while (state == Op.PENDING) {
            boolean woken;
            try {
                woken = wait.await(deadline, true);
            } catch (CanceledException canceled) {
                if (settle(io, op, wait) == Op.CANCELED) {
                    throw canceled;
                }
                recancel();
                return Op.DONE;
            }
            state = woken ? io.poll(op) : settle(io, op, wait);
        }
        return state;
    }

    @Override
    public boolean awaitReady(SelectableChannel channel, int ops, long deadline) throws IOException {
        return new ReadyWait(this).await(readiness(), channel, ops, deadline);
    }

    @Override
    public void closeChannel(SelectableChannel channel) throws IOException {
        if (closed) {
            // The driver is gone, and with it every registration.
            channel.close();
        } else {
            // Through the driver even when the channel looks unregistered: a watch may be on its way.
            readiness().close(channel);
        }
    }

    private ChannelReadiness readiness() throws IoClosedException {
        IoDriver io = driver();
        ChannelReadiness readiness = io.extension(ChannelReadiness.class);
        if (readiness == null) {
            throw new UnsupportedOperationException("the '" + io.name() + "' I/O driver of this Io ('" + name
                    + "') has no NIO channels to wait for; NioChannels needs an Io on the nio driver, the default");
        }
        return readiness;
    }

    @Override
    public Batch batch() {
        return new Batch(this);
    }

    @Override
    public <T> T operate(Operation<T> operation) throws IOException {
        runOperation(operation, Waitable.NO_DEADLINE);
        return operation.result();
    }

    @Override
    public <T> T operate(Operation<T> operation, Duration timeout) throws IOException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout is null; pass how long the operation may take, or call operate(operation)");
        if (!runOperation(operation, deadline(timeout))) {
            throw new TimeoutException("the operation (" + operation.op().kind() + ") did not complete within " + timeout
                    + "; it was canceled and took no effect");
        }
        return operation.result();
    }

    /** Runs {@code operation} on its own; {@code false} if {@code deadline} passed first and it took no effect. */
    private boolean runOperation(Operation<?> operation, long deadline) throws IoClosedException {
        Operation.requireIdle(operation).begin(null);
        int state;
        try {
            state = perform(operation.op(), deadline);
        } catch (RuntimeException | IoClosedException e) {
            operation.canceled();
            throw e;
        }
        if (state == Op.CANCELED) {
            operation.canceled();
            return false;
        }
        operation.completed();
        return true;
    }

    @Override
    public <T> Operation<T> operation(Op op, Outcome<T> outcome) {
        return new Operation<>(op, outcome);
    }

    /**
     * How long a thread strand spins for the end of a file call before it parks: about what a
     * 4 KiB {@code pread} from the page cache takes on the pool (a few µs), so that a file call
     * costs one hand-off, not a park and an unpark as well (which took a 4 KiB read on
     * {@code virtual} from 17-26 µs to 32-35 µs).
     */
    private static final int FILE_CALL_SPINS = 2_000;

    /** Whether a driver typically answers {@code op} from a thread of its own within microseconds: file and path calls. */
    private static boolean handedToAThread(Op op) {
        return switch (op.kind()) {
            case FILE_OPEN, FILE_READ, FILE_WRITE, FILE_SYNC, FILE_TRUNCATE, FILE_SIZE, PATH_STAT, DIR_LIST, DIR_CREATE,
                    PATH_RENAME, PATH_DELETE, TEMP_CREATE -> true;
            default -> false;
        };
    }

    /** Cancels the pending {@code op} and waits, uncancelably, until the driver settled it. */
    private static int settle(IoDriver io, Op op, OpWait wait) {
        io.cancel(op);
        while (true) {
            wait.await(Waitable.NO_DEADLINE, false);
            int state = io.poll(op);
            if (state != Op.PENDING) {
                return state;
            }
        }
    }

    // ---- synchronisation --------------------------------------------------------------------

    @Override
    public <T> Queue<T> queue(int capacity) {
        return new Queue<>(this, capacity);
    }

    @Override
    public Mutex mutex() {
        return new Mutex(this);
    }

    @Override
    public Condition condition() {
        return new Condition(this);
    }

    @Override
    public Event event() {
        return new Event(this);
    }

    @Override
    public Semaphore semaphore(int permits) {
        return new Semaphore(this, permits);
    }

    @Override
    public RwLock rwLock() {
        return new RwLock(this);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            OpenIos.closed(this);
            backend.close();
        }
    }

    // ---- shared helpers ---------------------------------------------------------------------

    Backend backend() {
        return backend;
    }

    /** The level at which the leak detector tracks what this Io makes. */
    Leaks.Level leakLevel() {
        return leakLevel;
    }

    /**
     * {@code io} as the runtime's own, for a diagnostic that needs its backend.
     *
     * @throws IllegalArgumentException if {@code io} was not opened by {@link Io#open}
     */
    static CoreIo of(Io io, String what) {
        if (io instanceof CoreIo core) {
            return core;
        }
        throw new IllegalArgumentException(what + " need an Io opened by Io.open, not a " + io.getClass().getName());
    }

    Strand currentStrand() {
        return backend.currentStrand();
    }

    Future<?, ?> currentTask() {
        return taskOf(backend.currentStrand());
    }

    /** The task running on {@code strand}, or {@code null} on a plain thread (whose attachment is its {@link CancelScopes}, if any). */
    static Future<?, ?> taskOf(Strand strand) {
        return strand.attachment() instanceof Future<?, ?> task ? task : null;
    }

    /** Who holds a lock taken on {@code strand}: its task, or the strand of a plain thread. */
    static Object holderOn(Strand strand) {
        Future<?, ?> task = taskOf(strand);
        return task != null ? task : strand;
    }

    /**
     * The strand's host asked it to stop while it waited. A task takes that as a cancellation
     * request; a plain thread gets {@link CanceledException} at once, its interrupt status kept.
     */
    static void interrupted(Future<?, ?> task) {
        if (task != null) {
            task.requestCancel();
            return;
        }
        Thread.currentThread().interrupt();
        throw threadInterrupted();
    }

    static CanceledException threadInterrupted() {
        return new CanceledException("the thread was interrupted while it waited");
    }

    /** Throws {@code failure} as whatever it is; the compiler takes it for an {@code E}. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException rethrow(Throwable failure) throws E {
        throw (E) failure;
    }
}
