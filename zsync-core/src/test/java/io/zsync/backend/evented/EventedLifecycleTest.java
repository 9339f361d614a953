package io.zsync.backend.evented;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.diagnostics.Leak;
import io.zsync.diagnostics.LeakWatch;
import io.zsync.diagnostics.Leaks;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What the TCK cannot reach on {@code evented}: which task a close abandons and how it says so,
 * where blocking work runs and when a wedged blocking pool is reported, and what the loop thread's
 * interrupt status means. Each test opens an {@code Io} of one loop, so that its tasks share a thread.
 */
class EventedLifecycleTest {

    /** A hang guard, never reached by a test that passes. */
    private static final Duration HANG = Duration.ofSeconds(20);

    @Test
    void close_completes_a_suspended_task_and_a_task_not_begun_with_CanceledException_saying_which() throws Exception {
        List<Leak> leaks;
        Future<String, Exception> suspended;
        Future<String, RuntimeException> notBegun;
        try (LeakWatch watch = Leaks.watch()) {
            Io io = openOneLoop();
            CountDownLatch blocking = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Holds the loop thread itself (a JDK wait, not a zsync one), then suspends.
            suspended = io.concurrent(() -> {
                blocking.countDown();
                release.await();
                io.sleep(Duration.ofDays(1));
                return "slept";
            });
            Backends.await(blocking, "the first task to hold the loop");
            // Queued from outside while the loop is held: the loop takes it only on its next turn, which never comes.
            notBegun = io.concurrent(() -> "ran");
            Thread closer = Thread.ofPlatform().daemon().start(io::close);
            awaitWaiting(closer);
            release.countDown();
            closer.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(closer.isAlive(), "close did not return");
            assertClosedWhile("while the task was suspended", suspended);
            assertClosedWhile("before the task started", notBegun);
            leaks = watch.check();
        }
        assertEquals(2, leaks.size(), leaks::toString);
        for (Leak leak : leaks) {
            assertEquals(Leak.Kind.FRAME, leak.kind(), leaks::toString);
        }
    }

    @Test
    void a_job_handed_to_a_loop_that_has_ended_is_refused_not_lost() {
        EventedBackend backend = new EventedBackend(1, 1, 0);
        backend.close();
        ParkingJob job = new ParkingJob(j -> true);
        assertFalse(backend.loops[0].spawn(job), "the ended loop took the job");
        assertEquals(1, job.started.getCount(), "the job ran");
    }

    @Test
    void blocking_work_runs_inline_on_a_thread_that_is_not_a_loop_and_nested_blocking_work_on_its_pool_thread() throws Exception {
        try (Io io = openOneLoop()) {
            assertSame(Thread.currentThread(), io.blocking(Thread::currentThread), "from a plain thread");
            Thread[] threads = io.async(() -> io.blocking(() -> {
                Thread outer = Thread.currentThread();
                return new Thread[] {outer, io.blocking(Thread::currentThread)};
            })).await(HANG);
            assertFalse(threads[0] instanceof EventLoop, "blocking work from a task ran on its loop");
            assertSame(threads[0], threads[1], "nested blocking work left its pool thread");
            assertNotSame(Thread.currentThread(), threads[0]);
        }
    }

    @Test
    void an_interrupt_of_an_idle_loop_from_outside_is_cleared_and_cancels_no_task() throws Exception {
        try (Io io = openOneLoop()) {
            Thread loop = io.async(() -> Thread.currentThread()).await(HANG);
            loop.interrupt();
            long deadline = System.nanoTime() + HANG.toNanos();
            while (loop.isInterrupted()) {
                if (System.nanoTime() - deadline > 0) {
                    fail("the loop thread stays interrupted: every selection returns at once");
                }
                Thread.onSpinWait();
            }
            String outcome = io.async(() -> {
                boolean interrupted = Thread.currentThread().isInterrupted();
                io.sleep(Duration.ofMillis(1));
                return interrupted ? "started interrupted" : "slept";
            }).await(HANG);
            assertEquals("slept", outcome);
        }
    }

    @Test
    void a_task_keeps_its_interrupt_across_a_suspension_and_leaves_its_loop_and_neighbours_uninterrupted() throws Exception {
        try (Io io = openOneLoop()) {
            Future<Future<Boolean, RuntimeException>, RuntimeException> interrupter = io.async(() -> {
                Thread.currentThread().interrupt();
                // Runs on this loop while the interrupter is suspended in its yield.
                Future<Boolean, RuntimeException> neighbour = io.async(() -> Thread.currentThread().isInterrupted());
                io.yieldNow();
                if (!Thread.currentThread().isInterrupted()) {
                    throw new AssertionError("the task's interrupt was lost while it was suspended");
                }
                try {
                    io.sleep(Duration.ofDays(1));
                } catch (CanceledException expected) {
                    return neighbour;
                }
                throw new AssertionError("the task slept through its interrupt");
            });
            Future<Boolean, RuntimeException> neighbour = interrupter.await(HANG);
            assertEquals(Boolean.FALSE, neighbour.await(HANG), "a neighbour on the loop inherited the interrupt");
            Thread loop = io.async(() -> Thread.currentThread()).await(HANG);
            assertFalse(loop.isInterrupted(), "the loop thread was left interrupted");
        }
    }

    /** An evented {@code Io} with one loop, so that every task runs on one thread. */
    private static Io openOneLoop() {
        return openEvented(Map.of("zsync.evented.loops", "1"));
    }

    /** An evented {@code Io} opened with the system properties {@code settings}, which are then restored. */
    private static Io openEvented(Map<String, String> settings) {
        Map<String, String> before = new HashMap<>();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            before.put(setting.getKey(), System.getProperty(setting.getKey()));
            System.setProperty(setting.getKey(), setting.getValue());
        }
        try {
            return Io.open("evented");
        } finally {
            for (Map.Entry<String, String> setting : before.entrySet()) {
                if (setting.getValue() == null) {
                    System.clearProperty(setting.getKey());
                } else {
                    System.setProperty(setting.getKey(), setting.getValue());
                }
            }
        }
    }

    /** Waits (bounded) until {@code thread} waits (the closer, in its join of the loop it stopped). */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + HANG.toNanos();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() - deadline > 0 || !thread.isAlive()) {
                fail(thread + " did not wait: " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }

    /** {@code future} completes with the CanceledException of a task its closing Io abandoned {@code when}. */
    private static void assertClosedWhile(String when, Future<?, ?> future) throws Exception {
        try {
            Object result = future.await(HANG);
            fail("the abandoned task ended with " + result);
        } catch (CanceledException e) {
            assertTrue(e.getMessage().contains("Io was closed " + when), e.getMessage());
        } catch (TimeoutException e) {
            throw new AssertionError("the future of an abandoned task never completed", e);
        }
    }
}
