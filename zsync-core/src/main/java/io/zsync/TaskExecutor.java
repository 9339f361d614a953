package io.zsync;

import io.zsync.coroutine.NeverSuspends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An {@link java.util.concurrent.ExecutorService} whose every command runs as a task of an
 * {@link Io}, made by {@link Io#executor()}: for code that takes an executor, such as the JDK's
 * {@code HttpClient}.
 *
 * <pre>{@code
 * try (var executor = io.executor();
 *         HttpClient client = HttpClient.newBuilder().executor(executor).build()) {
 *     HttpResponse<String> page = io.await(client.sendAsync(request, BodyHandlers.ofString()));
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Where commands run.</b> A command starts as {@link Io#async} starts a task
 *       (concurrently if the backend can, otherwise inline, in {@code execute}), and runs in it
 *       through {@link Io#blocking}: code that hands an executor a {@code Runnable} was built
 *       outside zsync, is not woven, and may block. On {@code evented} it therefore runs on the
 *       blocking pool while its task is suspended; on the backends that give each task a thread,
 *       on its task's thread. Either way it may block, and {@code Io} operations in it work (on
 *       {@code evented}, by blocking the pool thread).</li>
 *   <li><b>Failures.</b> What a command given to {@code execute} throws goes to its thread's
 *       {@linkplain Thread.UncaughtExceptionHandler uncaught-exception handler}, as in a JDK pool
 *       ({@link CanceledException} excepted: it is a cancellation that was asked for);
 *       {@code submit}, {@code invokeAll} and {@code invokeAny} keep it in their
 *       {@code java.util.concurrent.Future}s.</li>
 *   <li><b>Cancellation never interrupts a thread.</b> {@link #shutdownNow()} returns the commands
 *       that have not begun, which then never run, and requests cancellation of the tasks of the
 *       others; {@code cancel} of a future from {@code submit} requests its task's cancellation.
 *       A command that has begun is canceled at its next {@code Io} cancellation point where it
 *       runs in its task (the thread backends); on {@code evented} it runs outside its task and
 *       goes on to its end.</li>
 *   <li><b>Lifecycle</b>, as {@code ExecutorService} says it: after {@link #shutdown()}, or once
 *       the {@code Io} is closed, {@code execute} refuses with
 *       {@link java.util.concurrent.RejectedExecutionException}; {@link #isTerminated()} once shut
 *       down with every task ended.</li>
 *   <li><b>Who ends the tasks: the executor.</b> The leak detector does not track them one by
 *       one and nothing needs to await them (as a {@link Group}'s members are the group's); close
 *       the executor, or shut it down and await its termination, before closing the {@code Io},
 *       or on {@code evented} the {@code Io}'s close abandons what still runs.</li>
 *   <li><b>Waiting</b> ({@link #awaitTermination}, {@link #close()}) is a zsync wait, which
 *       suspends a task on {@code evented}. The weaver sees such a call only through this class:
 *       in code that runs in {@code evented} tasks, keep the executor as a {@code TaskExecutor}
 *       ({@code var}), not an {@code ExecutorService}, to wait on it ({@code invokeAll} and
 *       {@code invokeAny}, the JDK's code, block the calling thread: call them in
 *       {@link Io#blocking} there).</li>
 * </ul>
 *
 * <p>Safe to use from any task or thread.
 */
public final class TaskExecutor extends AbstractExecutorService {

    private static final long NO_DEADLINE = Waitable.NO_DEADLINE;

    private final CoreIo runtime;
    private final Members members;
    /** Commands started and not yet begun: what {@link #shutdownNow()} takes back. */
    private final Set<Command> notBegun = ConcurrentHashMap.newKeySet();

    TaskExecutor(CoreIo runtime) {
        this.runtime = runtime;
        this.members = new Members(runtime);
    }

    /**
     * Starts the command's task. Never suspends the caller, so that no {@code Executor.execute}
     * in the build counts as a suspend point: the task runs inline only where the backend cannot
     * start it, which on {@code evented} (always able while open) never happens.
     */
    @NeverSuspends
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command is null; pass the Runnable to run");
        Command task = new Command(command);
        notBegun.add(task);
        Future<Void, RuntimeException> future;
        try {
            future = runtime.spawn(task, false, members);
        } catch (IllegalStateException refused) {
            if (notBegun.remove(task)) {
                throw new RejectedExecutionException(refused.getMessage(), refused);
            }
            return; // a shutdownNow meanwhile handed the command back: it counts as accepted, never begun
        }
        if (command instanceof Submitted<?> submitted) {
            submitted.runsIn(future);
        }
    }

    /** A {@link FutureTask} whose {@code cancel} cancels its zsync task instead of interrupting a thread. */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new Submitted<>(callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new Submitted<>(Executors.callable(runnable, value));
    }

    /** Takes no new commands; those started run to their end. Idempotent. */
    @Override
    public void shutdown() {
        members.shutdown();
    }

    /**
     * Takes no new commands, and requests cancellation of the tasks of those started.
     *
     * @return the commands that had not begun, which never will
     */
    @Override
    public List<Runnable> shutdownNow() {
        members.shutdown();
        List<Runnable> never = new ArrayList<>();
        for (Command c : notBegun) {
            if (notBegun.remove(c)) {
                never.add(c.command);
            }
        }
        members.requestCancelAll();
        return never;
    }

    @Override
    public boolean isShutdown() {
        return members.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return members.isTerminated();
    }

    /**
     * Waits until the executor is shut down and every task has ended, at most {@code timeout}. A
     * cancellation point.
     *
     * @return {@code false} if the timeout passed first
     * @throws InterruptedException if the caller is a plain thread, interrupted while it waits
     * @throws CanceledException if the caller is a task, canceled while it waits
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit is null; pass the TimeUnit of the timeout");
        long deadline;
        try {
            deadline = runtime.deadline(Duration.of(timeout, unit.toChronoUnit()));
        } catch (ArithmeticException beyondDuration) {
            // awaitTermination(Long.MAX_VALUE, DAYS), as JDK code passes it: no end; far below zero: no wait
            deadline = timeout < 0 ? runtime.deadline(Duration.ZERO) : NO_DEADLINE;
        }
        try {
            return members.awaitTermination(deadline, true);
        } catch (CanceledException e) {
            if (runtime.currentTask() == null && Thread.interrupted()) {
                throw new InterruptedException("interrupted while awaiting the executor's termination");
            }
            throw e;
        }
    }

    /**
     * As {@link java.util.concurrent.ExecutorService#close()}: shuts down and waits for every
     * task; if the caller is canceled meanwhile (or, on a plain thread, interrupted), shuts down
     * now, waits for the tasks that already began, and re-arms the cancellation
     * ({@link Io#recancel()}; a thread's interrupt status stays set).
     */
    @Override
    public void close() {
        shutdown();
        try {
            members.awaitTermination(NO_DEADLINE, true);
        } catch (CanceledException e) {
            shutdownNow();
            members.awaitTermination(NO_DEADLINE, false);
            runtime.recancel();
        }
    }

    @Override
    public String toString() {
        return "ExecutorService[" + runtime.name() + (isTerminated() ? ", terminated]" : isShutdown() ? ", shut down]" : "]");
    }

    /** One command, as the task that runs it. */
    private final class Command implements VoidTask<RuntimeException> {

        final Runnable command;

        Command(Runnable command) {
            this.command = command;
        }

        @Override
        public void run() {
            try {
                runtime.blocking(this::runOnThread);
            } catch (CanceledException canceledBeforeItBegan) {
                notBegun.remove(this);
            }
        }

        /**
         * Runs the command unless {@link #shutdownNow()} took it back; what it throws goes to the
         * thread's uncaught-exception handler, as in a JDK pool (a {@link Submitted} task keeps
         * its own). A cancellation it reached is the one that was asked for: not reported.
         */
        private Void runOnThread() {
            if (notBegun.remove(this)) {
                try {
                    command.run();
                } catch (CanceledException canceled) {
                    // shutdownNow or a Future.cancel of a submitted task, delivered in the command
                } catch (Throwable t) {
                    Thread thread = Thread.currentThread();
                    thread.getUncaughtExceptionHandler().uncaughtException(thread, t);
                }
            }
            return null;
        }
    }

    /** The future {@code submit} and {@code invokeAll} hand out. */
    private static final class Submitted<T> extends FutureTask<T> {

        private volatile Future<?, ?> task;

        Submitted(Callable<T> callable) {
            super(callable);
        }

        /** Records the zsync task running this; a cancel that came first is passed on now. */
        void runsIn(Future<?, ?> future) {
            task = future;
            if (isCancelled()) {
                future.requestCancel();
            }
        }

        /**
         * Cancels as {@link FutureTask#cancel} does, but never interrupts a thread: instead asks
         * the zsync task that runs it to cancel, which ends zsync waits in the callable (where it
         * runs in its task) and keeps it from starting if it has not begun.
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean canceled = super.cancel(false);
            Future<?, ?> running = task;
            if (canceled && running != null) {
                running.requestCancel();
            }
            return canceled;
        }
    }

    /** The executor's tasks that have not ended, and the wait for its termination. */
    private static final class Members extends TaskSet {

        /** Guarded by {@code this}. */
        private final WaitList terminationWaiters = new WaitList();
        /** Guarded by {@code this}. */
        private boolean shutdown;

        Members(CoreIo runtime) {
            super(runtime);
        }

        synchronized void shutdown() {
            refuseNewMembers();
            shutdown = true;
            if (live.isEmpty()) {
                terminationWaiters.wakeAll(Waiter.GRANTED);
            }
        }

        synchronized boolean isShutdown() {
            return shutdown;
        }

        synchronized boolean isTerminated() {
            return shutdown && live.isEmpty();
        }

        /** Waits until shut down with no task left. @return {@code false} if the deadline passed first */
        boolean awaitTermination(long deadline, boolean cancelable) {
            Waiter w;
            synchronized (this) {
                if (shutdown && live.isEmpty()) {
                    return true;
                }
                w = new Waiter(runtime.currentStrand(), null);
                terminationWaiters.add(w);
            }
            return block(w, deadline, cancelable) != Waiter.WAITING;
        }

        @Override
        boolean finished(Future<?, ?> member) {
            if (shutdown && live.isEmpty()) {
                terminationWaiters.wakeAll(Waiter.GRANTED);
            }
            return false;
        }

        @Override
        String closedMessage() {
            return "this executor is shut down and takes no new tasks; make a new one with io.executor()";
        }
    }
}
