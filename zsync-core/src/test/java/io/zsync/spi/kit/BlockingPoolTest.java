package io.zsync.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.spi.Strand;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BlockingPoolTest {

    @Test
    void call_runs_the_work_on_a_pool_thread_and_returns_its_result() throws Exception {
        try (BlockingPool pool = new BlockingPool("test-pool", 2)) {
            String where = pool.call(() -> Thread.currentThread().getName(), ThreadStrand.current());
            assertTrue(where.startsWith("test-pool-"), where);
        }
    }

    @Test
    void call_throws_what_the_work_threw_as_it_is() {
        IOException thrown = new IOException("disk on fire");
        try (BlockingPool pool = new BlockingPool("test-pool", 1)) {
            assertSame(thrown, assertThrows(IOException.class, () -> pool.call(() -> {
                throw thrown;
            }, ThreadStrand.current())));
        }
    }

    @Test
    void a_caller_woken_early_keeps_waiting_for_the_work_to_end() throws Exception {
        try (BlockingPool pool = new BlockingPool("test-pool", 1)) {
            CountDownLatch workStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Strand> callerStrand = new AtomicReference<>();
            AtomicReference<Object> callerGot = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                callerStrand.set(ThreadStrand.current());
                try {
                    callerGot.set(pool.call(() -> {
                        workStarted.countDown();
                        release.await();
                        return "late";
                    }, ThreadStrand.current()));
                } catch (Throwable t) {
                    callerGot.set(t);
                }
            });
            if (!workStarted.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("waited 10 s for the work to start");
            }
            for (int spurious = 0; spurious < 3; spurious++) {
                callerStrand.get().unpark();
            }
            release.countDown();
            caller.join();
            assertEquals("late", callerGot.get(), "the caller returned the work's result, not before it");
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
