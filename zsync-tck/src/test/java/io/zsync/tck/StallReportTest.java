package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.Mutex;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The evented backend tells when no task can go on, and the runtime logs a task dump. */
class StallReportTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    @Test
    void dump_is_logged_when_two_tasks_deadlock_on_two_mutexes_locked_in_opposite_order() throws Exception {
        try (StallLog stalls = new StallLog();
                Io io = Io.open("evented", IoOptions.defaults().stallReport(Duration.ofMillis(20)))) {
            Mutex first = io.mutex();
            Mutex second = io.mutex();
            Event firstHeld = io.event();
            Event secondHeld = io.event();
            Future<Void, RuntimeException> forward = io.concurrent(() -> lockBoth(first, firstHeld, secondHeld, second));
            Future<Void, RuntimeException> backward = io.concurrent(() -> lockBoth(second, secondHeld, firstHeld, first));

            String report = stalls.first();
            assertTrue(report.contains("possible deadlock on 'evented'"), report);
            assertTrue(report.contains("2 live tasks"), report);
            assertEquals(2, report.split("waiting in Mutex.lock at " + StallReportTest.class.getName(), -1).length - 1, report);
            forward.close();
            backward.close();
        }
    }

    @Test
    void a_stall_is_reported_when_every_blocking_pool_thread_waits_on_a_zsync_primitive_with_work_queued() throws Exception {
        try (StallLog stalls = new StallLog(); Io io = openEvented(Map.of("zsync.evented.loops", "1",
                "zsync.evented.blockingThreads", "1", "zsync.evented.stallReportMillis", "20"))) {
            Event release = io.event();
            // The pool's one thread waits on an event that only this test sets; the second work waits for that thread.
            Future<Integer, RuntimeException> holder = io.async(() -> io.blocking(() -> {
                release.await();
                return 1;
            }));
            Future<Integer, RuntimeException> queued = io.async(() -> io.blocking(() -> 2));
            String report = stalls.first();
            assertTrue(report.contains("possible deadlock on 'evented'"), report);
            release.set();
            assertEquals(1, holder.await(HANG));
            assertEquals(2, queued.await(HANG));
        }
    }

    /** Locks {@code mine}, says so, waits until the other task holds {@code theirs}, then locks it too. */
    /**
     * A task waiting for a file call on the I/O driver's threads is not stalled: the call ends on
     * its own. (When files moved onto the driver, its pool was invisible to the stall check, and a
     * loop of file reads logged a "possible deadlock" every few milliseconds.)
     */
    @Test
    void file_calls_in_flight_on_the_drivers_threads_are_no_stall() throws Exception {
        Path file = Files.createTempFile("zsync-stall", ".bin");
        try (StallLog stalls = new StallLog();
                Io io = Io.open("evented", IoOptions.defaults().loops(1).stallReport(Duration.ofMillis(1)))) {
            Files.write(file, new byte[4096]);
            io.async(() -> {
                try (io.zsync.fs.File open = io.fs().open(file)) {
                    ByteBuffer block = ByteBuffer.allocate(4096);
                    for (int i = 0; i < 3_000; i++) {
                        open.read(block.clear(), 0);
                    }
                }
            }).await();
            assertEquals(List.of(), stalls.reports, "file reads in flight were reported as a stall");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void lockBoth(Mutex mine, Event iHold, Event theyHold, Mutex theirs) {
        mine.lock();
        iHold.set();
        theyHold.await();
        theirs.lock();
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

    /** The messages the runtime logs to {@code io.zsync} while it is open. */
    private static final class StallLog extends Handler implements AutoCloseable {

        private final Logger log = Logger.getLogger("io.zsync");
        private final List<String> reports = new CopyOnWriteArrayList<>();
        private final CountDownLatch reported = new CountDownLatch(1);

        StallLog() {
            log.addHandler(this);
        }

        /** Waits (bounded) for the first report. */
        String first() throws InterruptedException {
            assertTrue(reported.await(HANG.toSeconds(), TimeUnit.SECONDS), "no stall was reported");
            return reports.getFirst();
        }

        @Override
        public void publish(LogRecord record) {
            reports.add(record.getMessage());
            reported.countDown();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            log.removeHandler(this);
        }
    }
}
