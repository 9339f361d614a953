package io.zsync.tck.guide;

import io.zsync.spi.Backend;
import io.zsync.spi.IoProvider;
import io.zsync.spi.Job;
import io.zsync.spi.kit.ThreadBackend;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend guide's worked example (docs/backend-guide.md shows this file from here down): a
 * provider, registered in {@code META-INF/services/io.zsync.spi.IoProvider}, and its backend,
 * which runs every task on a platform thread of its own, at most {@link Minimal#MAX_THREADS} at
 * once.
 */
public final class MinimalProvider implements IoProvider {

    /** The name {@code Io.open} finds the backend by. */
    public static final String NAME = "guide-minimal";

    /** For {@link java.util.ServiceLoader}. */
    public MinimalProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Backend create() {
        return new Minimal();
    }

    /**
     * {@link ThreadBackend} gives the strand (the thread's own), the clock, randomness, the task
     * list for dumps and the I/O driver; this class says how a task starts, and when it cannot.
     */
    static final class Minimal extends ThreadBackend {

        /** How many tasks may run at once; when all threads are taken, the core runs a task inline. */
        static final int MAX_THREADS = 64;

        /** Threads running a task now. */
        private final AtomicInteger busy = new AtomicInteger();
        private final ThreadFactory threads = Thread.ofPlatform().daemon().name(NAME + "-", 0).factory();

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean hasConcurrency() {
            return true;
        }

        /** Starts {@code job} on a new thread, or says no at once: it never queues a job. */
        @Override
        public boolean tryStart(Job job) {
            if (busy.incrementAndGet() > MAX_THREADS) {
                busy.decrementAndGet();
                return false;
            }
            threads.newThread(() -> {
                runTask(job);            // the task, on this thread's strand, listed in task dumps
                busy.decrementAndGet();  // free again before anyone learns that the task ended,
                job.publish();           // so that an awaiter starting a task now finds room
            }).start();
            return true;
        }

        @Override
        public String busyReason() {
            return "all " + MAX_THREADS + " of its threads are running tasks";
        }
    }
}
