package io.zsync.spi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * Readiness of non-blocking NIO channels: tells when a channel is ready, so that a task waiting
 * for a socket parks its strand instead of blocking in a channel call. The NIO driver is built on
 * it (a selector thread for the thread backends, the loops' selectors for {@code evented}), and
 * offers it as an {@linkplain IoDriver#extension extension} to code that brings its own channels
 * ({@code io.zsync.nio.NioChannels}). Waiting this way is what makes cancellation exact: a
 * canceled wait just stops waiting, and the channel, with every byte the kernel holds for it,
 * stays as it was.
 *
 * <p>Implementations must be safe to call from any thread.
 */
public interface ChannelReadiness {

    /**
     * Asks to be told once when {@code channel} is ready for one of {@code ops}: the driver calls
     * {@code onReady} once, from a thread of its own, unless the returned watch is canceled first.
     * Readiness can be stale by the time the caller acts on it; the caller retries its operation
     * and watches again when it would still block.
     *
     * @param channel a channel in non-blocking mode
     * @param ops     a set of {@link java.nio.channels.SelectionKey} operation bits the channel supports
     * @param onReady quick and non-blocking: it is run on the driver's thread
     * @throws java.nio.channels.IllegalBlockingModeException if the channel is in blocking mode
     * @throws java.nio.channels.ClosedChannelException if the channel is closed
     * @throws IOException if the driver cannot watch the channel
     */
    Watch watch(SelectableChannel channel, int ops, Runnable onReady) throws IOException;

    /**
     * Closes {@code channel}, calls the {@code onReady} of its pending watches (so that their
     * waiters retry and find it closed), and returns once its descriptor is released. A channel
     * the driver has watched must be closed this way: otherwise its waiters are never woken and
     * its descriptor is held until the driver next wakes up. Idempotent.
     *
     * @throws IOException if closing the channel fails; the channel is closed anyway
     */
    void close(SelectableChannel channel) throws IOException;

    /** A pending {@link #watch}. */
    interface Watch {

        /**
         * Stops the watch. Once this returns, {@code onReady} has been called, is running, or will
         * never be called. Idempotent.
         */
        void cancel();
    }
}
