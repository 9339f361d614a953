package io.zsync.spi.kit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.spi.Handle;
import io.zsync.spi.Op;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ops driven by hand, as the core's wait drives them, for tests of the memory driver's contract:
 * each op counts its wakes, and a test starts, polls and cancels it itself.
 */
final class Ops {

    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private Ops() {}

    /** An op whose wakes are counted in {@code wakes}. */
    static Op op(AtomicInteger wakes) {
        Op op = new Op();
        op.waker(o -> wakes.incrementAndGet());
        return op;
    }

    /** An op whose wakes nobody counts. */
    static Op op() {
        return op(new AtomicInteger());
    }

    /** Runs an op the driver must finish at once, and checks it succeeded. */
    static Op done(MemoryDriver driver, Op op) {
        assertEquals(Op.DONE, driver.start(op), op::toString);
        assertNull(op.error(), () -> op + ": " + op.detail());
        return op;
    }

    /** A listener on a free loopback port. */
    static Handle listen(MemoryDriver driver) {
        return (Handle) done(driver, op().reset(Op.Kind.STREAM_LISTEN, null).subject(ANY_LOOPBACK_PORT).count(16)).value();
    }

    /** A connected pair: the client's end first, then the accepted one. */
    static Handle[] pair(MemoryDriver driver) throws Exception {
        Handle listener = listen(driver);
        Handle client = (Handle) done(driver, op().reset(Op.Kind.STREAM_CONNECT, null)
                .subject(driver.localAddress(listener))).value();
        Handle server = (Handle) done(driver, op().reset(Op.Kind.STREAM_ACCEPT, listener)).value();
        driver.close(listener);
        return new Handle[] {client, server};
    }

    static Op read(Handle handle, ByteBuffer dst) {
        return op().reset(Op.Kind.STREAM_READ, handle).buffers(new ByteBuffer[] {dst});
    }

    static Op write(Handle handle, ByteBuffer src) {
        return op().reset(Op.Kind.STREAM_WRITE, handle).buffers(new ByteBuffer[] {src});
    }

    /** After a cancel: the driver woke the op, and its poll settles it. */
    static int settle(MemoryDriver driver, Op op, AtomicInteger wakes) {
        int before = wakes.get();
        driver.cancel(op);
        assertTrue(wakes.get() > before, "cancel woke the op");
        int state = driver.poll(op);
        assertTrue(state == Op.DONE || state == Op.CANCELED, "a canceled op polled " + state);
        return state;
    }
}
