package io.zsync.backend.threaded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.Rounds;
import io.zsync.spi.Job;
import io.zsync.spi.Strand;
import io.zsync.spi.kit.ThreadStrand;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The pool's races, run many rounds on a fresh backend each: a task handed to a thread that is
 * still being started, and a task ending while the backend closes. Each test stops at its round
 * count or its time budget, whichever comes first, and prints how many rounds it did.
 */
class ThreadedBackendRaceTest {

    /** No job is ever lost, so a wait this long means one was. */
    private static final long LOST_AFTER_SECONDS = 10;

    @Test
    void a_thread_handed_a_task_before_its_start_returned_runs_it() throws Exception {
        CountDownLatch firstPublished = new CountDownLatch(1);
        CountDownLatch secondPublished = new CountDownLatch(1);
        AtomicReference<ThreadedBackend> pool = new AtomicReference<>();
        AtomicReference<Boolean> handedOver = new AtomicReference<>();
        // The interleaving the race needs, forced: start() returns only once the new thread has
        // run its first task, listed itself idle, parked, and been handed a second.
        ThreadedBackend backend = new ThreadedBackend(1, r -> new Thread(r, "race-test-slow-start") {
            @Override
            public void start() {
                super.start();
                try {
                    if (firstPublished.await(LOST_AFTER_SECONDS, TimeUnit.SECONDS) && awaitParked(this)) {
                        handedOver.set(pool.get().tryStart(new Counted(secondPublished)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        pool.set(backend);
        try {
            assertTrue(backend.tryStart(new Counted(firstPublished)));
            assertEquals(Boolean.TRUE, handedOver.get(), "the pool thread did not park idle, or was not offered the second task");
            assertTrue(secondPublished.await(LOST_AFTER_SECONDS, TimeUnit.SECONDS),
                    "the task handed to the thread before its start() returned never ran");
        } finally {
            backend.close();
        }
    }

    @Test
    void a_task_handed_to_a_pool_thread_that_is_still_starting_runs() throws Exception {
        int spawners = 16;
        int perSpawner = 64;
        Rounds rounds = new Rounds("handed to a starting thread", 400, 20_000);
        while (rounds.another()) {
            ThreadedBackend backend = new ThreadedBackend(512);
            try {
                CountDownLatch ran = new CountDownLatch(spawners * perSpawner);
                CountDownLatch go = new CountDownLatch(1);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread[] threads = new Thread[spawners];
                for (int i = 0; i < spawners; i++) {
                    threads[i] = Thread.ofPlatform().start(() -> {
                        try {
                            go.await();
                            for (int j = 0; j < perSpawner; j++) {
                                Job job = new Counted(ran);
                                // As the core does when the pool is full: the spawner runs it itself.
                                if (!backend.tryStart(job)) {
                                    job.runTask(ThreadStrand.current());
                                    job.publish();
                                }
                            }
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        }
                    });
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join();
                }
                if (failure.get() != null) {
                    throw new AssertionError("a spawner failed", failure.get());
                }
                if (!ran.await(LOST_AFTER_SECONDS, TimeUnit.SECONDS)) {
                    fail(ran.getCount() + " tasks never ran, in " + rounds);
                }
            } finally {
                backend.close();
            }
        }
        rounds.report();
    }

    @Test
    void no_pool_thread_outlives_a_close_that_races_the_end_of_its_task() throws Exception {
        int poolSize = 8;
        Rounds rounds = new Rounds("tasks ending during close", 4_000, 15_000);
        ThreadFactory named = Thread.ofPlatform().daemon().name("race-test-threaded-", 0).factory();
        while (rounds.another()) {
            ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
            ThreadedBackend backend = new ThreadedBackend(poolSize, r -> {
                Thread t = named.newThread(r);
                threads.add(t);
                return t;
            });
            CountDownLatch ran = new CountDownLatch(poolSize);
            Release release = new Release();
            for (int i = 0; i < poolSize; i++) {
                assertTrue(backend.tryStart(new Counted(ran, release)), "a fresh pool has room for " + poolSize);
            }
            // The tasks end now, while close lists the idle threads and ends them.
            release.open = true;
            backend.close();
            if (!ran.await(LOST_AFTER_SECONDS, TimeUnit.SECONDS)) {
                fail(ran.getCount() + " tasks never ended, in " + rounds);
            }
            for (Thread t : threads) {
                // Its task has published, so the thread is on its way out, or parked for ever.
                t.join(TimeUnit.SECONDS.toMillis(LOST_AFTER_SECONDS));
                if (t.isAlive()) {
                    fail(t.getName() + " outlived the close of its pool (state " + t.getState() + "), in "
                            + rounds);
                }
            }
        }
        rounds.report();
    }

    /** Waits (bounded) until {@code t} is parked, by watching its state; whether it is. */
    private static boolean awaitParked(Thread t) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOST_AFTER_SECONDS);
        while (t.getState() != Thread.State.WAITING) {
            if (!t.isAlive() || System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** Set once: the tasks that wait for it may end. */
    private static final class Release {
        volatile boolean open;
    }

    /** A job that waits (spinning) for its release, if it has one, and counts down as it publishes. */
    private static final class Counted implements Job {

        private final CountDownLatch published;
        private final Release release;

        Counted(CountDownLatch published) {
            this(published, null);
        }

        Counted(CountDownLatch published, Release release) {
            this.published = published;
            this.release = release;
        }

        @Override
        public void runTask(Strand strand) {
            while (release != null && !release.open) {
                // Yields, for the closing thread to run on a machine with few cores.
                Thread.yield();
            }
        }

        @Override
        public void publish() {
            published.countDown();
        }
    }
}
