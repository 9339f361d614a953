package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Mutex;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The evented backend tells when no task can go on, and the runtime logs a task dump. */
class StallReportTest {

    @Test
    void dump_is_logged_when_two_tasks_deadlock_on_two_mutexes_locked_in_opposite_order() throws Exception {
        String before = System.getProperty("zsync.evented.stallReportMillis");
        System.setProperty("zsync.evented.stallReportMillis", "20");
        Logger log = Logger.getLogger("io.zsync");
        List<String> reports = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(1);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                reports.add(record.getMessage());
                reported.countDown();
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(capture);
        try (Io io = Io.open("evented")) {
            Mutex first = io.mutex();
            Mutex second = io.mutex();
            Event firstHeld = io.event();
            Event secondHeld = io.event();
            Future<Void, RuntimeException> forward = io.concurrent(() -> lockBoth(first, firstHeld, secondHeld, second));
            Future<Void, RuntimeException> backward = io.concurrent(() -> lockBoth(second, secondHeld, firstHeld, first));

            assertTrue(reported.await(30, TimeUnit.SECONDS), "no stall was reported");
            String report = reports.get(0);
            assertTrue(report.contains("possible deadlock on 'evented'"), report);
            assertTrue(report.contains("2 live tasks"), report);
            assertEquals(2, report.split("waiting in Mutex.lock at " + StallReportTest.class.getName(), -1).length - 1, report);
            forward.close();
            backward.close();
        } finally {
            log.removeHandler(capture);
            if (before == null) {
                System.clearProperty("zsync.evented.stallReportMillis");
            } else {
                System.setProperty("zsync.evented.stallReportMillis", before);
            }
        }
    }

    /** Locks {@code mine}, says so, waits until the other task holds {@code theirs}, then locks it too. */
    private static void lockBoth(Mutex mine, Event iHold, Event theyHold, Mutex theirs) {
        mine.lock();
        iHold.set();
        theyHold.await();
        theirs.lock();
    }
}
