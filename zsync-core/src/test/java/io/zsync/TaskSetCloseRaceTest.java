package io.zsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.diagnostics.Leaks;
import io.zsync.spi.Job;
import io.zsync.spi.kit.ThreadBackend;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A close of a group or select that runs to its end while a start into it is under way: the
 * interleaving forced, by a backend that runs the close from inside the start. The start must be
 * refused, since the close could neither cancel nor await a member it never saw.
 */
class TaskSetCloseRaceTest {

    @Test
    void a_group_closed_while_a_member_starts_refuses_it() throws Exception {
        try (CoreIo io = new CoreIo(new ClosingMidStart(), AsyncStackTrace.Capture.CACHED, Leaks.level(), null)) {
            Group<RuntimeException> group = io.group();
            AtomicBoolean ran = new AtomicBoolean();
            ClosingMidStart.of(io).arm(group::close);
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> group.concurrent(() -> ran.set(true)),
                    "a member started while the group closed would run after close() returned");
            assertEquals("this Group is closed; make a new one with io.group()", refused.getMessage());
            assertTrue(ClosingMidStart.of(io).fired(), "the close did not run inside the start");
            assertFalse(ran.get());
        }
    }

    @Test
    void a_select_closed_while_a_task_starts_refuses_it() throws Exception {
        try (CoreIo io = new CoreIo(new ClosingMidStart(), AsyncStackTrace.Capture.CACHED, Leaks.level(), null)) {
            Select<Integer, RuntimeException> race = io.select();
            AtomicBoolean ran = new AtomicBoolean();
            ClosingMidStart.of(io).arm(race::close);
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> race.concurrent(() -> {
                        ran.set(true);
                        return 1;
                    }),
                    "a task started while the select closed would run after close() returned");
            assertEquals("this Select is closed; make a new one with io.select()", refused.getMessage());
            assertTrue(ClosingMidStart.of(io).fired(), "the close did not run inside the start");
            assertFalse(ran.get());
            assertEquals(0, race.remaining());
        }
    }

    @Test
    void a_select_cancel_discard_leaves_it_open() throws Exception {
        try (Io io = Io.open("virtual"); Select<Integer, RuntimeException> race = io.select()) {
            race.async(() -> 1);
            race.cancelDiscard();
            race.async(() -> 2);
            assertEquals(2, race.await());
        }
    }

    /**
     * Runs each task on a new platform thread. Once armed, the next concurrent start runs the
     * armed close on another thread, to its end, while the start is under way: when the core asks
     * whether the backend has concurrency, past any check of the set that a start makes before it.
     */
    private static final class ClosingMidStart extends ThreadBackend {

        private final AtomicReference<Runnable> armed = new AtomicReference<>();
        private final AtomicBoolean fired = new AtomicBoolean();

        static ClosingMidStart of(CoreIo io) {
            return (ClosingMidStart) io.backend();
        }

        void arm(Runnable close) {
            armed.set(close);
        }

        boolean fired() {
            return fired.get();
        }

        @Override
        public String name() {
            return "closing-mid-start";
        }

        @Override
        public boolean hasConcurrency() {
            Runnable close = armed.getAndSet(null);
            if (close != null) {
                Thread closer = Thread.ofPlatform().start(close);
                try {
                    assertTrue(closer.join(Duration.ofSeconds(10)), "the close hung");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                fired.set(true);
            }
            return true;
        }

        @Override
        public boolean tryStart(Job job) {
            Thread.ofPlatform().daemon().start(() -> {
                runTask(job);
                job.publish();
            });
            return true;
        }
    }
}
