package io.zsync.backend.evented;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.spi.Strand;
import io.zsync.spi.ThreadStrand;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BlockingPoolTest {

    @Test
    void call_runs_the_work_on_a_pool_thread_and_returns_its_result() throws Exception {
        try (BlockingPool pool = new BlockingPool("test-pool", 2)) {
            String where = pool.call(() -> Thread.currentThread().getName(), ThreadStrand.current(), () -> {});
            assertTrue(where.startsWith("test-pool-"), where);
        }
    }

    @Test
    void call_throws_what_the_work_threw_as_it_is() {
        IOException thrown = new IOException("disk on fire");
        try (BlockingPool pool = new BlockingPool("test-pool", 1)) {
            assertSame(thrown, assertThrows(IOException.class, () -> pool.call(() -> {
                throw thrown;
            }, ThreadStrand.current(), () -> {})));
        }
    }

    @Test
    void a_caller_whose_checkpoint_throws_stops_waiting_and_the_work_runs_on_to_its_end() throws Exception {
        try (BlockingPool pool = new BlockingPool("test-pool", 1)) {
            CountDownLatch workStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch workEnded = new CountDownLatch(1);
            AtomicReference<Strand> callerStrand = new AtomicReference<>();
            AtomicReference<Throwable> callerGot = new AtomicReference<>();
            CountDownLatch callerReturned = new CountDownLatch(1);
            AtomicBoolean cancel = new AtomicBoolean();
            Thread caller = Thread.ofPlatform().start(() -> {
                callerStrand.set(ThreadStrand.current());
                try {
                    pool.call(() -> {
                        workStarted.countDown();
                        release.await();
                        workEnded.countDown();
                        return "late";
                    }, ThreadStrand.current(), () -> {
                        if (cancel.get()) {
                            throw new CancellationException("canceled");
                        }
                    });
                } catch (Throwable t) {
                    callerGot.set(t);
                }
                callerReturned.countDown();
            });
            Backends.await(workStarted, "the work to start");
            cancel.set(true);
            callerStrand.get().unpark();
            Backends.await(callerReturned, "the caller to stop waiting");
            assertInstanceOf(CancellationException.class, callerGot.get());
            assertEquals(1, workEnded.getCount(), "the work is still running");
            release.countDown();
            Backends.await(workEnded, "the work to end");
            caller.join();
        }
    }

    @Test
    void a_task_on_a_loop_suspends_while_the_pool_works_and_the_pool_thread_resumes_it() throws Exception {
        try (Backends b = new Backends(1)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<BlockingPool.Pending<Integer>> pending = new AtomicReference<>();
            ParkingJob job = new ParkingJob(b.backend, j -> pending.get().isDone(), Long.MAX_VALUE,
                    strand -> pending.set(b.backend.blockingPool.submit(() -> {
                        release.await();
                        return 42;
                    }, strand)));
            b.backend.tryStart(job);
            job.awaitStarted();
            release.countDown();
            job.awaitPublished();
            assertEquals(42, pending.get().outcome());
            assertTrue(job.suspensions.get() >= 1, "the task waited by suspending, not by blocking its loop");
            assertEquals(job.suspensions.get(), job.resumes.get());
        }
    }

    @Test
    void a_closed_pool_refuses_work() {
        BlockingPool pool = new BlockingPool("test-pool", 1);
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.submit(() -> 1, ThreadStrand.current()));
        assertThrows(IllegalArgumentException.class, () -> new BlockingPool("test-pool", 0));
    }
}
