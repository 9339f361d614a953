package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.Queue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the thread-based backends promise beyond the conformance suite. */
@Timeout(60)
class ThreadBackendsTest {

    @Test
    void blocking_async_runs_the_task_inline_on_the_callers_thread() {
        try (Io io = Io.open("blocking")) {
            Thread caller = Thread.currentThread();
            Future<Thread, RuntimeException> f = io.async(Thread::currentThread);
            assertTrue(f.isDone());
            assertSame(caller, f.await());
        }
    }

    @Test
    void blocking_concurrent_fails_permanently_and_suggests_a_backend_with_concurrency() {
        try (Io io = Io.open("blocking")) {
            ConcurrencyUnavailableException e = assertThrows(ConcurrencyUnavailableException.class,
                    () -> io.concurrent(() -> 1));
            assertTrue(e.isPermanent());
            assertEquals("blocking", e.backend());
            assertTrue(e.getMessage().contains("Io.open(\"virtual\")"), e.getMessage());
        }
    }

    @Test
    void threaded_nested_async_await_on_a_one_thread_pool_never_deadlocks() {
        try (Io io = threadedWith(1)) {
            assertEquals(30, io.concurrent(() -> nest(io, 30)).await());
            assertEquals(30, nest(io, 30));
        }
    }

    @Test
    void threaded_async_runs_inline_when_every_thread_is_busy() {
        try (Io io = threadedWith(1)) {
            Event release = io.event();
            Future<Void, RuntimeException> busy = io.concurrent(() -> release.await());
            Thread caller = Thread.currentThread();
            Future<Thread, RuntimeException> f = io.async(Thread::currentThread);
            assertTrue(f.isDone());
            assertSame(caller, f.await());
            release.set();
            busy.await();
        }
    }

    @Test
    void threaded_concurrent_fails_temporarily_when_every_thread_is_busy_and_says_why() {
        try (Io io = threadedWith(1)) {
            Event release = io.event();
            Future<Void, RuntimeException> busy = io.concurrent(() -> release.await());
            ConcurrencyUnavailableException e = assertThrows(ConcurrencyUnavailableException.class,
                    () -> io.concurrent(() -> 1));
            assertFalse(e.isPermanent());
            assertTrue(e.getMessage().contains("zsync.threaded.threads"), e.getMessage());
            release.set();
            busy.await();
            for (int i = 0; i < 1_000; i++) {
                int round = i;
                assertEquals(round, io.concurrent(() -> round).await(),
                        "the thread was not free again when the future it ran was awaited");
            }
        }
    }

    @Test
    void threaded_pool_size_that_is_not_a_number_is_refused_clearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withProperty("zsync.threaded.threads", "many", () -> Io.open("threaded")));
        assertTrue(e.getMessage().contains("many"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual"})
    void interrupting_the_thread_of_a_task_requests_its_cancellation(String backend) throws Exception {
        try (Io io = Io.open(backend)) {
            Queue<Thread> thread = io.queue(1);
            Future<Void, RuntimeException> f = io.concurrent(() -> {
                thread.put(Thread.currentThread());
                io.sleep(Duration.ofDays(1));
            });
            thread.get().interrupt();
            assertThrows(CanceledException.class, f::await);
        }
    }

    @Test
    void interrupting_a_plain_thread_waiting_in_zsync_throws_canceled_and_keeps_the_interrupt() throws Exception {
        try (Io io = Io.open("blocking")) {
            AtomicReference<String> outcome = new AtomicReference<>();
            Threads waiter = new Threads().start(() -> {
                try {
                    io.event().await();
                } catch (CanceledException e) {
                    outcome.set("canceled, interrupted=" + Thread.currentThread().isInterrupted());
                }
            });
            waiter.awaitLastParked();
            waiter.last().interrupt();
            waiter.join(io);
            assertEquals("canceled, interrupted=true", outcome.get());
        }
    }

    @Test
    void an_interrupted_plain_thread_in_an_uncancelable_lock_still_gets_the_lock_and_keeps_the_interrupt()
            throws Exception {
        try (Io io = Io.open("blocking")) {
            Mutex m = io.mutex();
            m.lock();
            AtomicReference<String> outcome = new AtomicReference<>();
            Threads waiter = new Threads().start(() -> {
                m.lockUncancelable();
                outcome.set("locked, interrupted=" + Thread.currentThread().isInterrupted());
                m.unlock();
            });
            waiter.awaitLastParked();
            waiter.last().interrupt();
            waiter.awaitLastParked();
            m.unlock();
            waiter.join(io);
            assertEquals("locked, interrupted=true", outcome.get());
            assertTrue(m.tryLock(), "the lock was handed to a waiter that had left");
            m.unlock();
        }
    }

    @Test
    void the_default_backend_is_chosen_by_the_zsync_io_property() {
        try (Io io = withProperty("zsync.io", "threaded", Io::open)) {
            assertEquals("threaded", io.name());
        }
        String configured = System.getProperty("zsync.io");
        try (Io io = Io.open()) {
            assertEquals(configured == null ? "virtual" : configured, io.name());
        }
    }

    private static Io threadedWith(int threads) {
        return withProperty("zsync.threaded.threads", Integer.toString(threads), () -> Io.open("threaded"));
    }

    private static <T> T withProperty(String key, String value, Supplier<T> body) {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return body.get();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    private static int nest(Io io, int depth) {
        return depth == 0 ? 0 : io.async(() -> nest(io, depth - 1) + 1).await();
    }
}
