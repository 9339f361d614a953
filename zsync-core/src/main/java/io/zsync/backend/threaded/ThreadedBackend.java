package io.zsync.backend.threaded;

import io.zsync.spi.Job;
import io.zsync.spi.ThreadBackend;
import java.util.concurrent.ConcurrentLinkedDeque;
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
    private final AtomicInteger started = new AtomicInteger();
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ThreadedBackend(int maxThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("the threaded backend needs at least 1 thread, not " + maxThreads);
        }
        this.maxThreads = maxThreads;
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
                new Worker(job, n);
                return true;
            }
        }
        return false;
    }

    @Override
    public String busyReason() {
        return "all " + maxThreads + " threads of its pool are busy (-Dzsync.threaded.threads sets the size)";
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

        Worker(Job first, int index) {
            job = first;
            thread = Thread.ofPlatform().daemon().name("zsync-threaded-" + index).start(this);
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
                if (closed) {
                    current.publish();
                    return;
                }
                idle.addFirst(this);
                current.publish();
                while (job == null) {
                    if (stop) {
                        return;
                    }
                    LockSupport.park(this);
                }
            }
        }
    }
}
