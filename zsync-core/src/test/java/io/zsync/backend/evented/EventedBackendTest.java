package io.zsync.backend.evented;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.spi.kit.ThreadStrand;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventedBackendTest {

    @Test
    void io_open_finds_the_backend_and_its_tasks_suspend_on_one_loop_instead_of_blocking_it() {
        try (Io io = Io.open("evented", IoOptions.defaults().loops(1))) {
            assertEquals("evented", io.name());
            assertTrue(Io.backends().contains("evented"));
            Event ping = io.event();
            // One loop: the waiter would block the only thread the setter can run on, unless it suspends.
            Future<Boolean, RuntimeException> waiter = io.concurrent(() -> {
                ping.await();
                return Thread.currentThread() instanceof EventLoop;
            });
            Future<Void, RuntimeException> setter = io.concurrent(() -> {
                io.sleep(Duration.ofMillis(1));
                ping.set();
            });
            setter.await();
            assertTrue(waiter.await(), "the task ran on the event loop");
            assertEquals(42, io.async(() -> 6 * 7).await());
        }
    }

    @Test
    void the_provider_sizes_the_backend_by_its_options_and_by_its_built_in_defaults_without_them() {
        try (EventedBackend backend = (EventedBackend) new EventedProvider().create(IoOptions.defaults().loops(3))) {
            assertEquals(3, backend.loops.length);
        }
        try (EventedBackend backend = (EventedBackend) new EventedProvider().create()) {
            assertEquals(Runtime.getRuntime().availableProcessors(), backend.loops.length);
        }
    }

    @Test
    void close_abandons_suspended_tasks_wakes_watchers_and_ends_every_thread_it_started() throws Exception {
        EventedBackend backend = new EventedBackend(3, 2, 0);
        String prefix = backend.loops[0].getName().replace("-loop-0", "-");
        ParkingJob parked = new ParkingJob(j -> false);
        backend.tryStart(parked);
        parked.awaitStarted();
        assertEquals(7, (int) backend.blockingPool.call(() -> 7, ThreadStrand.current()));
        CountDownLatch woken = new CountDownLatch(1);
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            backend.ioDriver().extension(io.zsync.spi.ChannelReadiness.class).watch(source, SelectionKey.OP_READ, woken::countDown);

            backend.close();

            assertEquals(0, woken.getCount(), "a pending watcher is woken as its loop ends");
        }
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix))
                .toList();
        for (Thread t : started) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(t.isAlive(), t + " still runs");
        }
        for (EventLoop loop : backend.loops) {
            assertFalse(loop.isAlive(), loop + " still runs");
            assertFalse(loop.selector.isOpen());
        }
        assertEquals(1, parked.suspensions.get());
        assertEquals(0, parked.resumes.get(), "abandoned, not resumed");
        assertFalse(backend.tryStart(new ParkingJob(j -> true)));
        assertEquals("the backend is closed", backend.busyReason());
        backend.close(); // idempotent
    }
}
