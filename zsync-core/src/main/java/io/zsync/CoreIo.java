package io.zsync;

import io.zsync.coroutine.NeverSuspends;
import io.zsync.diagnostics.Leaks;
import io.zsync.diagnostics.TaskDump;
import io.zsync.fs.Fs;
import io.zsync.internal.LeakRegistry;
import io.zsync.internal.OpenIos;
import io.zsync.internal.SpawnTrace;
import io.zsync.internal.jfr.TaskEvents;
import io.zsync.net.Net;
import io.zsync.spi.Backend;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Strand;
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
final class CoreIo implements Io {

    private final Backend backend;
    private final AsyncStackTrace.Capture traceCapture;
    private final Leaks.Level leakLevel;
    private final String name;
    private final Fs fs;
    private final Net net;
    private volatile boolean closed;

    /**
     * An {@code Io} on {@code backend}, which it owns from now on. Nothing here can fail on a
     * setting: {@link Backends#open} reads and checks the configuration before it starts the
     * backend, so that a bad setting leaks no started backend.
     *
     * @param traceCapture how spawn sites are captured ({@link IoOptions#asyncTrace}, as resolved by the open)
     * @param leakLevel how much of what this Io makes the leak detector tracks ({@link IoOptions#leaks})
     */
    CoreIo(Backend backend, AsyncStackTrace.Capture traceCapture, Leaks.Level leakLevel) {
        this.backend = backend;
        this.traceCapture = traceCapture;
        this.leakLevel = leakLevel;
        this.name = backend.name();
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
    long deadline(Duration timeout) {
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

    // ---- I/O readiness ------------------------------------------------------------------------

    @Override
    public void awaitReady(SelectableChannel channel, int ops) throws IOException {
        requireChannel(channel);
        new ReadyWait(this).await(ioDriver(), channel, ops, Waitable.NO_DEADLINE);
    }

    @Override
    public boolean awaitReady(SelectableChannel channel, int ops, Duration timeout) throws IOException {
        requireChannel(channel);
        return new ReadyWait(this).await(ioDriver(), channel, ops, deadline(timeout));
    }

    private static void requireChannel(SelectableChannel channel) {
        Objects.requireNonNull(channel, "channel is null; pass the non-blocking channel to wait for");
    }

    /**
     * The backend's I/O driver, for a wait on a channel.
     *
     * @throws IoClosedException if this Io is closed, which a {@code catch (IOException)} sees
     */
    private IoDriver ioDriver() throws IoClosedException {
        if (!closed) {
            try {
                return backend.ioDriver();
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
    public void closeChannel(SelectableChannel channel) throws IOException {
        requireChannel(channel);
        if (closed) {
            // The backend's driver is gone, and with it every registration.
            channel.close();
        } else {
            // Through the driver even when the channel looks unregistered: a watch may be on its way.
            backend.ioDriver().close(channel);
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
