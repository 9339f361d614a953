package io.zsync.internal;

import io.zsync.Io;
import io.zsync.IoClosedException;
import io.zsync.coroutine.Suspendable;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Op;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.time.Duration;

/**
 * The door from {@code io.zsync.fs}, {@code io.zsync.net} and {@code io.zsync.io} into the core
 * that owns an {@link Io}'s I/O: its driver, and the one wait for an {@link Op} that every file
 * and socket operation shares. Not exported: users see {@code Fs}, {@code Net} and the resources
 * they make.
 */
public interface IoCore {

    /** No deadline, for {@link #perform}. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * The core of {@code io}.
     *
     * @throws IllegalArgumentException if {@code io} was not made by {@link Io#open} (a wrapper or
     *         a class of the caller's own), which owns no I/O driver
     */
    static IoCore of(Io io) {
        if (io instanceof IoCore core) {
            return core;
        }
        throw new IllegalArgumentException("this Io (a " + io.getClass().getName() + ") does not own an I/O driver:"
                + " files and sockets need an Io made by Io.open");
    }

    /** The {@code Io} this core implements. */
    Io io();

    /**
     * The driver this {@code Io}'s I/O goes through.
     *
     * @throws IoClosedException if the {@code Io} is closed
     */
    IoDriver driver() throws IoClosedException;

    /**
     * Runs {@code op} to its end through the driver: the I/O wait of every resource, a
     * cancellation point. The protocol (docs/io-driver.md, section 2.1):
     * <ol>
     * <li>Checks cancellation, then starts the op. A {@linkplain Op#tryOnly() try-only} op that
     *     would block lets the other tasks run once ({@link Io#yieldNow}) and is started again,
     *     this time to wait.</li>
     * <li>Parks until the driver wakes the op, polls it, and parks again while it is pending.</li>
     * <li>Canceled, or at {@code deadline}, it asks the driver to cancel and waits, uncancelably,
     *     until the outcome is settled. An op that took no effect ends in
     *     {@code CanceledException} (on cancel) or returns {@link Op#CANCELED} (at the deadline);
     *     one that took effect anyway returns {@link Op#DONE}, and a cancellation request is
     *     re-armed ({@link Io#recancel()}), so the next cancellation point throws it: its result
     *     is reported, never dropped.</li>
     * </ol>
     * A failed op is {@code DONE} with its {@linkplain Op#error() error} set; see
     * {@link IoFailures}.
     *
     * @param deadline on the {@code Io}'s clock ({@link #deadline}), or {@link #NO_DEADLINE}
     * @return {@link Op#DONE}, or {@link Op#CANCELED} if the deadline passed first and the op took no effect
     * @throws IoClosedException if the {@code Io} is closed
     */
    int perform(Op op, long deadline) throws IoClosedException;

    /**
     * Waits until {@code channel} is ready for one of {@code ops}, through the driver's
     * {@link io.zsync.spi.ChannelReadiness}: the wait behind {@code io.zsync.nio.NioChannels}.
     * A cancellation point.
     *
     * @return {@code false} if {@code deadline} passed first
     * @throws UnsupportedOperationException if the driver has no channel readiness (it is not NIO)
     */
    boolean awaitReady(SelectableChannel channel, int ops, long deadline) throws IOException;

    /**
     * Closes {@code channel} through the driver's channel readiness, so that its watches are woken
     * and its descriptor is released before this returns; a plain close once the {@code Io} is closed.
     */
    void closeChannel(SelectableChannel channel) throws IOException;

    /** What a resource makes of a completed op: the value an {@link io.zsync.Operation} gives. */
    @FunctionalInterface
    interface Outcome<T> {
        /**
         * The value of the completed {@code op}, or how it failed. Suspendable: making a resource
         * of a handle may close it through the driver, which can wait.
         */
        @Suspendable
        T of(Op op) throws IOException;
    }

    /** A public {@link io.zsync.Operation} over {@code op}, which a resource filled in. */
    <T> io.zsync.Operation<T> operation(Op op, Outcome<T> outcome);

    /** The deadline {@code timeout} from now on the {@code Io}'s clock; saturating, so never overflowing. */
    long deadline(Duration timeout);
}
