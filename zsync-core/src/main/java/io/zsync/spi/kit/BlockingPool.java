package io.zsync.spi.kit;

import io.zsync.coroutine.Suspendable;
import io.zsync.spi.Strand;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded pool of platform threads for work that would stall an event loop: file system calls
 * and name lookups, which have no readiness to wait for. The caller's strand parks (a task on a
 * loop suspends, and its loop runs others) until a pool thread has done the work.
 *
 * <p>Threads start as work comes, up to the bound, and end after a while idle; work beyond the
 * bound waits in a queue. No pool thread is ever interrupted, so work that uses an interruptible
 * channel cannot have it closed under it. Safe to use from any thread.
 */
public final class BlockingPool implements AutoCloseable {

    private static final long IDLE_SECONDS = 10;

    private final ThreadPoolExecutor executor;
    /** The pool's live threads, for {@link #canOnlyWaitForTasks()}. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /**
     * A pool of at most {@code threadCount} threads, named after {@code name}.
     *
     * @throws IllegalArgumentException if {@code threadCount} is less than 1
     */
    public BlockingPool(String name, int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("a blocking pool needs at least 1 thread, not " + threadCount);
        }
        ThreadFactory named = Thread.ofPlatform().daemon().name(name + "-", 0).factory();
        ThreadFactory listed = work -> named.newThread(() -> {
            threads.add(Thread.currentThread());
            try {
                work.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        executor = new ThreadPoolExecutor(threadCount, threadCount, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), listed);
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code work} on a pool thread and returns at once; when the work ends, its outcome is
     * recorded and {@code waiter} is unparked. Everything the work did happens-before
     * {@link Pending#isDone()} returns {@code true}.
     *
     * @throws IllegalStateException if the pool is closed
     */
    public <T> Pending<T> submit(Callable<T> work, Strand waiter) {
        Pending<T> pending = new Pending<>(work, waiter);
        try {
            executor.execute(pending);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the blocking pool is closed: the Io it belongs to was closed", e);
        }
        return pending;
    }

    /**
     * Runs {@code work} on a pool thread while the calling strand parks, and returns its result or
     * throws what it threw. The caller waits for the work to end whatever wakes it meanwhile: work
     * such as a file read cannot be abandoned without losing what it did. An interrupt of the
     * caller meanwhile is kept: its interrupt status is set again when this returns.
     *
     * @param caller the calling strand
     * @throws Exception what {@code work} threw
     * @throws IllegalStateException if the pool is closed
     */
    @Suspendable
    public <T> T call(Callable<T> work, Strand caller) throws Exception {
        Pending<T> pending = submit(work, caller);
        boolean interrupted = false;
        while (!pending.isDone()) {
            interrupted |= caller.park(Long.MAX_VALUE);
        }
        if (interrupted) {
            Thread.currentThread().interrupt(); // not lost: the caller's next wait takes it as a cancellation
        }
        return pending.outcome();
    }

    /**
     * Whether no work here can end before a task does something: none runs or waits; or every
     * thread running work waits, with no deadline, on a zsync primitive (a future, a lock: a park
     * of its {@link ThreadStrand}), and no thread is free for the work queued. Work waiting for a
     * task that itself waits for this pool is the deadlock this tells of. Any thread; a snapshot.
     */
    public boolean canOnlyWaitForTasks() {
        int active = executor.getActiveCount();
        if (!executor.getQueue().isEmpty() && active < executor.getMaximumPoolSize()) {
            return false;
        }
        int waitingOnTasks = 0;
        for (Thread t : threads) {
            if (t.getState() == Thread.State.WAITING && LockSupport.getBlocker(t) instanceof ThreadStrand) {
                waitingOnTasks++;
            }
        }
        return waitingOnTasks >= active;
    }

    /** Takes no more work; threads end once the work already taken is done. Does not wait. */
    @Override
    public void close() {
        executor.shutdown();
    }

    /** Work handed to the pool, and then its outcome. */
    public static final class Pending<T> implements Runnable {

        private final Strand waiter;
        private Callable<T> work;
        private T result;
        private Throwable failure;
        private volatile boolean done;

        private Pending(Callable<T> work, Strand waiter) {
            this.work = work;
            this.waiter = waiter;
        }

        /** Runs the work, on a pool thread; called by the pool, once. */
        @Override
        public void run() {
            try {
                result = work.call();
            } catch (Throwable t) {
                failure = t;
            } finally {
                work = null;
                done = true;
                waiter.unpark();
            }
        }

        /** Whether the work has ended. Any thread. */
        public boolean isDone() {
            return done;
        }

        /**
         * The work's result, or what it threw, thrown as it is.
         *
         * @throws IllegalStateException if the work has not ended
         */
        public T outcome() throws Exception {
            if (!done) {
                throw new IllegalStateException("the work has not ended yet");
            }
            if (failure == null) {
                return result;
            }
            if (failure instanceof Exception e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new UndeclaredThrowableException(failure);
        }
    }
}
