package io.zsync.net;

import io.zsync.Io;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;

/**
 * The read loop every socket shares: try the non-blocking read; if nothing has arrived, let the
 * other tasks run once and try again; then wait for readability, and try again.
 *
 * <p>The one yield is for busy servers: a reply's bytes often arrive while the others run, and a
 * wait through the I/O driver costs more (on the thread backends, a wake-up of the driver's
 * selector and of the waiting thread); it took the 64-connection echo on {@code virtual} from
 * 0.66x to 0.83–0.91x Tokio's. An idle socket pays one extra read per wait.
 */
final class Readiness {

    private Readiness() {}

    /**
     * Reads into {@code dst}, waiting until something arrives; 0 only if {@code dst} has no room. A
     * cancellation point.
     *
     * @param timeout how long to wait for the first byte, or {@code null} for no bound
     * @throws SocketTimeoutException if {@code timeout} passed first; nothing was read
     */
    static <C extends SelectableChannel & ReadableByteChannel> int read(Io io, C channel, ByteBuffer dst, Duration timeout)
            throws IOException {
        io.checkCancel();
        long start = timeout == null ? 0 : io.nanoTime();
        boolean yielded = false;
        while (true) {
            int n = channel.read(dst);
            if (n != 0 || !dst.hasRemaining()) {
                return n;
            }
            if (!yielded) {
                yielded = true;
                io.yieldNow();
                continue;
            }
            awaitReadable(io, channel, timeout, start);
        }
    }

    /**
     * Waits until {@code channel} has bytes to read, no later than {@code timeout} ({@code null}:
     * no bound) after {@code start} on the {@code Io}'s clock. A cancellation point.
     *
     * @throws SocketTimeoutException if the timeout passed first
     */
    static void awaitReadable(Io io, SelectableChannel channel, Duration timeout, long start) throws IOException {
        if (timeout == null) {
            io.awaitReady(channel, SelectionKey.OP_READ);
        } else if (!io.awaitReady(channel, SelectionKey.OP_READ, left(io, timeout, start))) {
            throw new SocketTimeoutException("nothing arrived within the timeout of " + timeout
                    + "; nothing was read and the socket is open: read again, or close it");
        }
    }

    /**
     * What is left of {@code timeout}, begun at {@code start} on the {@code Io}'s clock, to hand
     * to {@link Io#awaitReady(SelectableChannel, int, Duration)}, whose deadline saturates. A
     * negative timeout has nothing left: taking the time passed off one near
     * {@code Duration.ofSeconds(Long.MIN_VALUE)} would overflow.
     */
    static Duration left(Io io, Duration timeout, long start) {
        return timeout.isNegative() ? Duration.ZERO : timeout.minusNanos(io.nanoTime() - start);
    }
}
