package io.zsync.nio;

import io.zsync.CanceledException;
import io.zsync.Io;
import io.zsync.IoClosedException;
import io.zsync.internal.IoCore;
import io.zsync.spi.ChannelReadiness;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * Waits on non-blocking NIO channels of the caller's own, through an {@link Io} whose I/O driver
 * is the NIO one (the default of every built-in backend), as Tokio's {@code AsyncFd} does: for
 * code that drives channels {@code io.zsync.net} does not make (a library's channel, a pipe, a
 * channel from {@code System.inheritedChannel()}).
 *
 * <pre>{@code
 * NioChannels nio = NioChannels.of(io);
 * while (channel.read(buffer) == 0) {
 *     nio.awaitReady(channel, SelectionKey.OP_READ);   // a cancellation point
 * }
 * nio.close(channel);                                 // wakes its waiters, releases the descriptor
 * }</pre>
 *
 * <p>Each wait is a cancellation point, and a canceled wait leaves the channel as it was: open,
 * with every byte the kernel holds for it. Readiness can be stale by the time the caller acts on
 * it: retry the operation, and wait again if it would still block. Thread-safe.
 */
public final class NioChannels {

    private final IoCore core;

    private NioChannels(IoCore core) {
        this.core = core;
    }

    /**
     * The channel waits of {@code io}.
     *
     * @throws UnsupportedOperationException if {@code io}'s I/O driver is not NIO (an in-memory
     *         world, for instance), which has no channels to wait for; the message names it
     * @throws IllegalArgumentException if {@code io} was not made by {@link Io#open}
     * @throws IoClosedException if {@code io} is closed
     */
    public static NioChannels of(Io io) throws IoClosedException {
        IoCore core = IoCore.of(Objects.requireNonNull(io, "io is null; pass the Io whose tasks will wait on the channels"));
        if (core.driver().extension(ChannelReadiness.class) == null) {
            throw new UnsupportedOperationException("the '" + core.driver().name() + "' I/O driver of " + io
                    + " has no NIO channels to wait for; NioChannels needs an Io on the nio driver, the default");
        }
        return new NioChannels(core);
    }

    /**
     * Waits until {@code channel} is ready for one of {@code ops}. A cancellation point.
     *
     * @param channel a channel in non-blocking mode
     * @param ops     {@link java.nio.channels.SelectionKey} operation bits the channel supports
     * @throws java.nio.channels.IllegalBlockingModeException if the channel is in blocking mode
     * @throws java.nio.channels.ClosedChannelException if the channel is closed
     * @throws CanceledException if the calling task was canceled; the channel is as it was
     * @throws IoClosedException if the {@code Io} is closed
     */
    public void awaitReady(SelectableChannel channel, int ops) throws IOException {
        core.awaitReady(requireChannel(channel), ops, IoCore.NO_DEADLINE);
    }

    /**
     * Like {@link #awaitReady(SelectableChannel, int)}, but gives up after {@code timeout}.
     *
     * @return {@code false} if the timeout passed first
     */
    public boolean awaitReady(SelectableChannel channel, int ops, Duration timeout) throws IOException {
        requireChannel(channel);
        Objects.requireNonNull(timeout, "timeout is null; pass how long to wait, or call awaitReady(channel, ops)");
        return core.awaitReady(channel, ops, core.deadline(timeout));
    }

    /**
     * Closes a channel that {@link #awaitReady} may have watched, wakes its waiters (who then find
     * it closed), and returns once its descriptor is released (a plain {@code close()} can leave it
     * held until the driver's selector next wakes). Idempotent.
     *
     * @throws IOException if closing fails; the channel is closed anyway
     */
    public void close(SelectableChannel channel) throws IOException {
        core.closeChannel(requireChannel(channel));
    }

    private static SelectableChannel requireChannel(SelectableChannel channel) {
        return Objects.requireNonNull(channel, "channel is null; pass the non-blocking channel to wait for");
    }
}
