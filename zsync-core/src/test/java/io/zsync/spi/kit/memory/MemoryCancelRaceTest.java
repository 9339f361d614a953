package io.zsync.spi.kit.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.spi.Handle;
import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Cancellation of the memory driver's ops racing the other side on another thread, at seeded
 * points: a canceled op took no effect or, only when a close settled it, is reported; never both,
 * never neither. Checked by what arrives: every byte once, in order.
 */
class MemoryCancelRaceTest {

    private static final int CANCEL_POINTS = 1_000;
    private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final MemoryDriver driver = (MemoryDriver) MemoryWorld.create().create(null);

    /** An op driven by the thread that made it, as the core drives one: parks until woken. */
    private static final class Driven {
        final Op op = new Op();
        private final Thread owner = Thread.currentThread();
        private final AtomicBoolean woken = new AtomicBoolean();
        private final long deadline = System.nanoTime() + GUARD_NANOS;

        Driven() {
            op.waker(o -> {
                woken.set(true);
                LockSupport.unpark(owner);
            });
        }

        /** Parks until the op was woken since the last call; fails the test past the hang guard. */
        void awaitWake() {
            while (!woken.getAndSet(false)) {
                if (System.nanoTime() - deadline > 0) {
                    fail("an op was never woken: a wake-up was lost");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }

        /** Runs the op to its end without canceling: start, then wake and poll until done. */
        int runToEnd(MemoryDriver driver) {
            woken.set(false);
            int state = driver.start(op);
            while (state == Op.PENDING) {
                awaitWake();
                state = driver.poll(op);
            }
            return state;
        }
    }

    @Test
    void under_1000_seeded_cancel_points_of_reads_every_byte_arrives_once_in_order() throws Exception {
        Handle[] ends = Ops.pair(driver);
        byte[] data = new byte[4 << 20];
        new SplittableRandom(11).nextBytes(data);
        AtomicReference<Throwable> writerFailed = new AtomicReference<>();
        // The writer sends each chunk only once the reader has taken every byte before it and has
        // a read pending that it has not served yet: every chunk meets a waiting read, which is
        // canceled or not by the seed, whatever the threads' speeds (about 2,800 chunks, so the
        // 1,000 cancel points come long before the end).
        AtomicBoolean paced = new AtomicBoolean(true);
        AtomicLong consumed = new AtomicLong();
        AtomicLong waiting = new AtomicLong(-1);
        long guard = System.nanoTime() + GUARD_NANOS;
        Thread writer = Thread.ofPlatform().name("memory-writer").start(() -> {
            try {
                Driven writing = new Driven();
                SplittableRandom sizes = new SplittableRandom(17);
                long served = -1;
                for (int off = 0; off < data.length; ) {
                    while (paced.get() && (consumed.get() < off || waiting.get() <= served)) {
                        if (System.nanoTime() - guard > 0) {
                            fail("the reader stopped reading");
                        }
                        Thread.onSpinWait();
                    }
                    served = waiting.get();
                    ByteBuffer chunk = ByteBuffer.wrap(data, off, Math.min(1 + sizes.nextInt(3000), data.length - off));
                    writing.op.reset(Op.Kind.STREAM_WRITE, ends[0]).buffers(new ByteBuffer[] {chunk});
                    assertEquals(Op.DONE, writing.runToEnd(driver));
                    assertNull(writing.op.error());
                    off += (int) writing.op.result();
                }
                writing.op.reset(Op.Kind.STREAM_SHUTDOWN, ends[0]).count(Op.SHUTDOWN_OUTPUT);
                writing.runToEnd(driver);
            } catch (Throwable e) {
                writerFailed.set(e);
            }
        });
        ByteArrayOutputStream received = new ByteArrayOutputStream(data.length);
        SplittableRandom when = new SplittableRandom(1000);
        Driven reading = new Driven();
        ByteBuffer buffer = ByteBuffer.allocate(2000);
        int canceledPending = 0;
        boolean ended = false;
        for (int round = 0; !ended && round < 10 * data.length; round++) {
            reading.op.reset(Op.Kind.STREAM_READ, ends[1]).buffers(new ByteBuffer[] {buffer.clear()});
            int state = driver.start(reading.op);
            if (state == Op.PENDING) {
                waiting.set(round);
                if (canceledPending < CANCEL_POINTS && when.nextBoolean()) {
                    for (int spin = when.nextInt(3_000); spin > 0; spin--) {
                        Thread.onSpinWait();
                    }
                    driver.cancel(reading.op);
                    if (++canceledPending == CANCEL_POINTS) {
                        paced.set(false);
                    }
                }
                do {
                    reading.awaitWake();
                    state = driver.poll(reading.op);
                } while (state == Op.PENDING);
            }
            if (state == Op.CANCELED) {
                assertEquals(0, buffer.position(), "a canceled read copied bytes");
                continue;
            }
            assertNull(reading.op.error());
            if (reading.op.result() < 0) {
                ended = true;
            } else {
                assertEquals(reading.op.result(), buffer.position(), "the result is what was copied");
                received.write(buffer.array(), 0, buffer.position());
                consumed.addAndGet(buffer.position());
            }
        }
        writer.join(TimeUnit.NANOSECONDS.toMillis(GUARD_NANOS));
        assertNull(writerFailed.get());
        assertTrue(ended, "the stream ended");
        assertEquals(CANCEL_POINTS, canceledPending, "the transfer ended before every cancel point");
        assertArrayEquals(data, received.toByteArray());
        driver.close(ends[0]);
        driver.close(ends[1]);
    }

    @Test
    void a_cancel_racing_a_close_is_canceled_or_closed_never_both() throws Exception {
        SplittableRandom seeds = new SplittableRandom(5);
        int canceled = 0;
        int closed = 0;
        for (int round = 0; round < CANCEL_POINTS; round++) {
            Handle[] ends = Ops.pair(driver);
            Driven reading = new Driven();
            ByteBuffer dst = ByteBuffer.allocate(4);
            reading.op.reset(Op.Kind.STREAM_READ, ends[1]).buffers(new ByteBuffer[] {dst});
            assertEquals(Op.PENDING, driver.start(reading.op));
            int spins = seeds.nextInt(2_000);
            Thread closer = Thread.ofPlatform().start(() -> {
                for (int spin = spins; spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                driver.close(ends[1]);
            });
            driver.cancel(reading.op);
            int state;
            do {
                reading.awaitWake();
                state = driver.poll(reading.op);
            } while (state == Op.PENDING);
            closer.join();
            if (state == Op.CANCELED) {
                canceled++;
            } else {
                assertEquals(IoError.CLOSED, reading.op.error(), "settled otherwise only by the close");
                closed++;
            }
            assertEquals(0, dst.position());
            driver.close(ends[0]);
        }
        assertEquals(CANCEL_POINTS, canceled + closed);
        assertEquals(0, driver.openHandles());
    }
}
