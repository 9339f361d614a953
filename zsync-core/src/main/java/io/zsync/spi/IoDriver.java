package io.zsync.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;

/**
 * How a backend does I/O: every file, directory, socket and name-lookup operation of
 * {@code io.zsync.fs} and {@code io.zsync.net} goes through one of these, as an {@link Op}. The
 * core keeps the semantics (cancellation points, exact cancellation, timeouts, leak tracking,
 * JFR events, buffering, error messages); a driver only says how an operation is done: with a
 * non-blocking syscall when a selector says the channel is ready, by submitting it to a kernel
 * ring, by copying between in-memory pipes, or by calling a host API.
 *
 * <h2>The contract of an operation</h2>
 * <ul>
 * <li>{@link #start} runs on the strand that submits the op. It returns {@link Op#DONE} with the
 *     outcome recorded, {@link Op#PENDING} after arranging to {@linkplain Op#wake() wake} the op
 *     later, or, for a {@linkplain Op#tryOnly() try-only} op, {@link Op#WOULD_BLOCK} having done
 *     nothing.</li>
 * <li>{@link #poll} runs on the same strand, after a wake or spuriously: {@code DONE} or
 *     {@code PENDING} (the readiness was stale, and the driver will wake the op again).</li>
 * <li>{@link #cancel} is a request, from the same strand. Once it has been made, the driver wakes
 *     the op when its outcome is settled, and the next {@code poll} returns {@code DONE} (the
 *     operation took effect) or {@link Op#CANCELED} (it took none: nothing read, written, accepted
 *     or made; a half-made connection is closed by the driver), never {@code PENDING}. That is
 *     what makes cancellation exact on every driver.</li>
 * <li>A failed operation is {@code DONE} with an {@linkplain Op#error() error}: a driver reports
 *     failures as codes, and the core builds the exception. A driver may assume that the core
 *     checked the arguments (kinds of handles, non-negative positions, non-null subjects).</li>
 * <li>{@link #close} settles every op in flight on the handle as failed with
 *     {@link IoError#CLOSED} (waking it) and releases the handle's descriptor before it returns.</li>
 * </ul>
 *
 * <p>Queries that never wait (options, addresses) are plain methods, called on the caller's strand.
 * Implementations must be safe to call from any thread for distinct ops; one op is driven by one
 * strand at a time.
 */
public interface IoDriver {

    /** The driver's name, for messages: {@code "nio"}, {@code "memory"}. */
    String name();

    /**
     * Starts {@code op}.
     *
     * @return {@link Op#DONE}, {@link Op#PENDING} or (try-only ops) {@link Op#WOULD_BLOCK}
     */
    int start(Op op);

    /**
     * Makes what progress {@code op} can now, after a wake.
     *
     * @return {@link Op#DONE}, {@link Op#PENDING}, or after {@link #cancel} {@link Op#CANCELED}
     */
    int poll(Op op);

    /** Asks that the pending {@code op} be stopped; the driver wakes it once settled. Idempotent. */
    void cancel(Op op);

    /**
     * Closes {@code handle}: ops in flight on it end failed with {@link IoError#CLOSED}, and its
     * descriptor is released before this returns. Idempotent; never waits for a peer.
     *
     * @throws IOException if releasing it failed; it is closed anyway
     */
    void close(Handle handle) throws IOException;

    /** Whether {@code handle} is open: not yet {@linkplain #close closed}. */
    boolean isOpen(Handle handle);

    /**
     * Sets a socket option on a {@code STREAM}, {@code LISTENER} or {@code DATAGRAM} handle.
     *
     * @throws UnsupportedOperationException if the handle does not support {@code option}
     * @throws IOException if the handle is closed, or the system refused
     */
    <T> void setOption(Handle handle, SocketOption<T> option, T value) throws IOException;

    /** The value of a socket option; as {@link #setOption}. */
    <T> T getOption(Handle handle, SocketOption<T> option) throws IOException;

    /**
     * The address a socket handle is bound to.
     *
     * @throws IOException if the handle is closed
     */
    SocketAddress localAddress(Handle handle) throws IOException;

    /**
     * The address of the peer of a connected {@code STREAM} or {@code DATAGRAM} handle;
     * {@code null} for a datagram socket that is not connected.
     *
     * @throws IOException if the handle is closed
     */
    SocketAddress remoteAddress(Handle handle) throws IOException;

    /** How many handles this driver made are open now: for tests that check nothing is left open. */
    int openHandles();

    /**
     * How many ops in flight now only the driver's own threads or the outside world will
     * complete (file calls on its pool, name lookups), for stall detection: a backend reports no
     * deadlock while any is. Ops that another task completes (a read of an in-memory pipe) do not
     * count, so that a read nobody will ever write to is reported. The default counts none.
     */
    default int externalPending() {
        return 0;
    }

    /**
     * An optional part of this driver, such as {@link ChannelReadiness} on the NIO driver, or
     * {@code null} if it has none of that type. The default has none.
     */
    default <T> T extension(Class<T> type) {
        return null;
    }
}
