package io.zsync.backend.threaded;

import io.zsync.spi.Job;
import io.zsync.spi.kit.ThreadBackend;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded pool of platform threads, started as they are needed. A task goes to an idle thread,
 * or to a new one while the pool is below its limit; otherwise {@link #tryStart} says no and the
 * core runs the task inline. Nothing is ever queued, so nested async/await cannot deadlock, even
 * with a pool of one thread.
 */
final class ThreadedBackend extends ThreadBackend {

    static final String NAME = "threaded";

    private final int maxThreads;
    private final ThreadFactory threads;
    private final AtomicInteger started = new AtomicInteger();
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ThreadedBackend(int maxThreads) {
        this(maxThreads, Thread.ofPlatform().daemon().name("zsync-threaded-", 0).factory());
    }

    /** A pool whose threads {@code threads} makes (unstarted), so that a test can watch them end. */
    ThreadedBackend(int maxThreads, ThreadFactory threads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("the threaded backend needs at least 1 thread, not " + maxThreads);
        }
        this.maxThreads = maxThreads;
        this.threads = threads;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hasConcurrency() {
        return true;
    }

    @Override
    public boolean tryStart(Job job) {
        Worker worker = idle.pollFirst();
        if (worker != null) {
            worker.hand(job);
            return true;
        }
        for (int n = started.get(); n < maxThreads; n = started.get()) {
            if (started.compareAndSet(n, n + 1)) {
                new Worker(job);
                return true;
            }
        }
        return false;
    }

    @Override
    public String busyReason() {
        return "all " + maxThreads + " threads of its pool are busy (IoOptions.threads, or -Dzsync.threaded.threads, sets the size)";
    }

    @Override
    protected void release() {
        closed = true;
        for (Worker w = idle.pollFirst(); w != null; w = idle.pollFirst()) {
            w.hand(null);
        }
    }

    /**
     * One pool thread: runs the job it is handed, offers itself as idle again, and only then
     * publishes the job's outcome, so whoever awaited the job finds this thread free.
     */
    private final class Worker implements Runnable {

        private final Thread thread;
        private volatile Job job;
        private volatile boolean stop;

        /** Makes the worker's thread and starts it on {@code first}. */
        Worker(Job first) {
            job = first;
            // Stored before it starts: a started thread may run its job, list itself idle and be
            // handed the next one at once, and hand() must then find the thread to unpark.
            thread = threads.newThread(this);
            thread.start();
        }

        /** Gives this idle worker its next job, or {@code null} to end it. */
        void hand(Job next) {
            if (next == null) {
                stop = true;
            }
            job = next;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (true) {
                Job current = job;
                job = null;
                runTask(current);
                boolean listed = offerIdle();
                current.publish();
                if (!listed) {
                    return;
                }
                while (job == null) {
                    if (stop) {
                        return;
                    }
                    LockSupport.park(this);
                }
            }
        }

        /**
         * Lists this worker idle, or, if the backend has closed, ends its service.
         *
         * @return whether it stays listed, so that someone will hand it a job or {@code null}
         */
        private boolean offerIdle() {
            // release() sets closed, then drains idle; tryStart() may poll idle at any time. This
            // lists first, then reads closed (all of these are volatile accesses or CASes, so
            // they happen in one order):
            // - closed read false: the read came before release() set it, so the listing came
            //   before the drain, which finds this worker unless a tryStart() polled it first;
            //   either hands it something (after a job, it comes back here).
            // - closed read true: take the listing back. If that fails, the drain or a
            //   tryStart() polled this worker and hands it null or a job, as when listed.
            // Either way no worker stays listed, parked, after release() drained.
            idle.addFirst(this);
            return !closed || !idle.removeFirstOccurrence(this);
        }
    }
}
