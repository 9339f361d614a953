package io.zsync.backend.evented;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zsync.spi.kit.BlockingPool;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The evented backend's use of its {@link BlockingPool}: a task waiting for the pool suspends, and frees its loop. */
class EventedBlockingPoolTest {

    @Test
    @Timeout(60)
    void a_task_on_a_loop_suspends_while_the_pool_works_and_the_pool_thread_resumes_it() throws Exception {
        try (Backends b = new Backends(1)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<BlockingPool.Pending<Integer>> pending = new AtomicReference<>();
            ParkingJob job = new ParkingJob(j -> pending.get().isDone(), Long.MAX_VALUE,
                    strand -> pending.set(b.backend.blockingPool.submit(() -> {
                        release.await();
                        return 42;
                    }, strand)));
            b.backend.tryStart(job);
            job.awaitStarted();
            // The work is held until the task suspended: its loop is then free while the pool works.
            while (job.suspensions.get() == 0) {
                Thread.onSpinWait();
            }
            release.countDown();
            job.awaitPublished();
            assertEquals(42, pending.get().outcome());
            assertEquals(job.suspensions.get(), job.resumes.get());
        }
    }
}
