package io.zsync.net;

import io.zsync.Io;
import io.zsync.Operation;
import io.zsync.diagnostics.Leaks;
import io.zsync.internal.FileSource;
import io.zsync.internal.IoCore;
import io.zsync.internal.IoFailures;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/**
 * A connected stream socket, TCP or Unix-domain, made by {@link Net#connect} or
 * {@link Listener#accept()}.
 *
 * <p>Every read and write is a cancellation point. A canceled {@code read} consumes nothing: the
 * bytes that arrived stay for the next read. So does one that timed out: {@link #setReadTimeout}
 * bounds how long a read waits. A canceled {@code write} has written exactly what the
 * source buffer's position says, and no more. The connection stays open either way.
 *
 * <p>One task may read while another writes; two tasks must not read (or write) at once.
 * {@link #close()} may be called from any task.
 *
 * <h2>Closing</h2>
 * {@link #close()} flushes the {@linkplain #writer() writer} first, which waits for the peer to
 * take the bytes: for as long as that takes, forever if the peer stops reading (a task can be
 * canceled meanwhile, a plain thread cannot). {@link #close(Duration)} bounds that wait and then
 * resets the connection; {@link #abort()} resets it at once, dropping what is buffered. Use one of
 * those two where the peer is not trusted to read.
 */
public final class Connection implements AutoCloseable {

    /** Large enough for a socket's typical send and receive sizes; small enough for many connections. */
    private static final int STREAM_BUFFER_SIZE = 16 * 1024;

    private final Io io;
    private final IoCore core;
    private final IoDriver driver;
    private final Handle handle;
    private final SocketOps reads;
    private final SocketOps writes;
    private final Leaks.Tracker leak;
    private SocketReader reader;
    private SocketWriter writer;
    /** How long a read waits for the first byte ({@link #setReadTimeout}); {@code null} for no bound. */
    private volatile Duration readTimeout;
    /** While {@link #close(Duration)} flushes: when it started and how long it may take; else {@code null}. */
    private volatile FlushBound flushBound;

    /** The bound on a closing flush: it ends at {@code deadline}, which is {@code timeout} after it began. */
    private record FlushBound(long deadline, Duration timeout) {}

    /** A connection on {@code handle}, a {@code STREAM} handle {@code core}'s driver made. */
    Connection(IoCore core, Handle handle) throws IOException {
        this.io = core.io();
        this.core = core;
        this.driver = core.driver();
        this.handle = handle;
        this.reads = new SocketOps(core);
        this.writes = new SocketOps(core);
        this.leak = Leaks.track(io, this);
    }

    /**
     * Reads some bytes into {@code dst}, waiting until at least one arrives.
     *
     * @return the number of bytes read, or -1 at end of stream (the peer shut its output down);
     *         0 only if {@code dst} has no room
     * @throws SocketTimeoutException if the {@linkplain #setReadTimeout read timeout} passed first
     */
    public int read(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst is null; pass a ByteBuffer to read into");
        return (int) read(reads.take(Op.Kind.STREAM_READ, handle, dst), true);
    }

    /**
     * Reads into {@code dsts} in order (a scattering read), waiting until at least one byte arrives.
     *
     * @return the number of bytes read, or -1 at end of stream; 0 only if no buffer has room
     * @throws SocketTimeoutException if the {@linkplain #setReadTimeout read timeout} passed first
     */
    public long read(ByteBuffer[] dsts) throws IOException {
        Objects.requireNonNull(dsts, "dsts is null; pass the ByteBuffers to read into");
        return read(reads.take(Op.Kind.STREAM_READ, handle).buffers(dsts), false);
    }

    /**
     * Runs the read {@code op} (taken from {@link #reads}, released here) through the driver,
     * which waits for the first byte; {@code tryFirst}: a read that
     * finds nothing lets the other tasks run once and tries again before it waits
     * ({@link Op#tryOnly()}). The one yield is for busy servers: a reply's bytes often arrive
     * while the others run, and a wait through the driver costs more (on the thread backends, a
     * wake-up of the selector's thread and of the waiting one); it took the 64-connection echo on
     * {@code virtual} from 0.66x to 0.83-0.91x Tokio's. An idle socket pays one extra read per wait.
     */
    private long read(Op op, boolean tryFirst) throws IOException {
        Duration timeout = readTimeout;
        try {
            op.tryOnly(tryFirst);
            if (!reads.run(op, reads.deadline(timeout))) {
                throw new SocketTimeoutException("nothing arrived within the timeout of " + timeout
                        + "; nothing was read and the socket is open: read again, or close it");
            }
            return op.result();
        } finally {
            reads.release(op);
        }
    }

    /**
     * A read of some bytes into {@code dst}, as {@link #read(ByteBuffer)} does, as an operation to
     * run in a {@link io.zsync.Batch} or with {@link Io#operate}: its result is the number of
     * bytes read, or -1 at end of stream. Canceled, it read nothing. The read timeout does not
     * apply: the batch's await, or {@code operate}'s timeout, bounds the wait.
     */
    public Operation<Integer> readOp(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst is null; pass a ByteBuffer to read into");
        Op op = new Op().reset(Op.Kind.STREAM_READ, handle).buffers(new ByteBuffer[] {dst});
        return core.operation(op, Connection::count);
    }

    /**
     * A write of some of {@code src}'s remaining bytes (at least one, unless there is none), as an
     * operation: its result is the number of bytes written, and {@code src}'s position moves by
     * it. Canceled, it wrote nothing. To write everything, run it again while {@code src} has
     * bytes left, or call {@link #write(ByteBuffer)}.
     */
    public Operation<Integer> writeOp(ByteBuffer src) {
        Objects.requireNonNull(src, "src is null; pass a ByteBuffer to write");
        Op op = new Op().reset(Op.Kind.STREAM_WRITE, handle).buffers(new ByteBuffer[] {src});
        return core.operation(op, Connection::count);
    }

    private static Integer count(Op op) throws IOException {
        IoFailures.throwIfFailed(op);
        return (int) op.result();
    }

    /**
     * Bounds how long each later read waits for its first byte, as {@code Socket.setSoTimeout}
     * does: a read on this connection, or through its {@linkplain #reader() reader}, that gets no
     * byte within {@code timeout} throws {@link SocketTimeoutException}. That read consumed
     * nothing (the reader keeps what it had buffered, such as the start of a line) and the
     * connection stays open and usable: read again, or close it. The bound is on each wait for
     * bytes, not on a whole reader call that reads many times (bound that with
     * {@link Io#withTimeout}). A read already waiting keeps the bound it started with.
     *
     * @param timeout how long a read may wait; {@link Duration#ZERO} for no bound (the default),
     *                as with {@code setSoTimeout(0)}
     * @return this connection
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Connection setReadTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null; pass how long a read may wait, or Duration.ZERO for no bound");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a read timeout is positive, or Duration.ZERO for no bound, not " + timeout);
        }
        readTimeout = timeout.isZero() ? null : timeout;
        return this;
    }

    /** Writes every remaining byte of {@code src}, waiting for room as needed. */
    public void write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "src is null; pass a ByteBuffer to write");
        Op op = writes.take(Op.Kind.STREAM_WRITE, handle, src);
        try {
            do {
                runWrite(op);
            } while (src.hasRemaining());
        } finally {
            writes.release(op);
        }
    }

    /** Writes every remaining byte of {@code srcs}, in order, with as few gathering writes as the socket allows. */
    public void write(ByteBuffer[] srcs) throws IOException {
        Objects.requireNonNull(srcs, "srcs is null; pass the ByteBuffers to write");
        do {
            writeSome(srcs);
        } while (hasRemaining(srcs));
    }

    /**
     * Writes some of what {@code srcs} holds with one gathering write, waiting until the socket
     * takes at least one byte (unless there is none): the hook a buffered writer needs. A
     * cancellation point; canceled, it wrote nothing. During a bounded close, it waits no longer
     * than the bound.
     *
     * @return the number of bytes written
     * @throws SocketTimeoutException if the bound of {@link #close(Duration)} passed first
     */
    long writeSome(ByteBuffer[] srcs) throws IOException {
        Op op = writes.take(Op.Kind.STREAM_WRITE, handle);
        try {
            op.buffers(srcs);
            runWrite(op);
            return op.result();
        } finally {
            writes.release(op);
        }
    }

    /**
     * Moves up to {@code count} bytes of {@code file} from {@code position} to the socket without
     * copying them through the heap, waiting for room as {@link #writeSome} does.
     *
     * @return the bytes moved, 0 at or past the end of the file, or {@link Writer#UNSUPPORTED}
     *         where the driver cannot
     */
    long transferFrom(Handle file, long position, long count) throws IOException {
        Op op = writes.take(Op.Kind.TRANSFER, file);
        try {
            op.argument(handle).position(position).count(count);
            if (!writes.runAllowingFailure(op, writeDeadline())) {
                throw flushTimedOut();
            }
            if (op.error() == IoError.UNSUPPORTED) {
                return SocketWriter.UNSUPPORTED_TRANSFER;
            }
            IoFailures.throwIfFailed(op);
            return op.result();
        } finally {
            writes.release(op);
        }
    }

    /**
     * A handle through which the driver can send {@code file}'s bytes to this socket, or
     * {@code null} if it has none: the file is another driver's, or a channel the caller opened
     * and this driver cannot borrow (it is not NIO).
     */
    Handle fileHandle(FileSource file) {
        return file.handleOn(driver);
    }

    /** Runs a write-side op within the bound of a closing flush, if one is on. */
    private void runWrite(Op op) throws IOException {
        if (!writes.run(op, writeDeadline())) {
            throw flushTimedOut();
        }
    }

    /** Until when a write may wait: the bound of a closing flush, if one is on. */
    private long writeDeadline() {
        FlushBound bound = flushBound;
        return bound == null ? IoCore.NO_DEADLINE : bound.deadline();
    }

    private SocketTimeoutException flushTimedOut() {
        return new SocketTimeoutException("the peer did not take the buffered bytes within " + flushBound.timeout()
                + "; the connection is reset and those bytes are dropped");
    }

    /**
     * The connection's buffered reader: the same one on every call. Its reads are this
     * connection's reads, with the same cancellation guarantees. Closing it shuts the input down.
     */
    public synchronized Reader reader() {
        if (reader == null) {
            reader = new SocketReader(this, STREAM_BUFFER_SIZE);
        }
        return reader;
    }

    /**
     * The connection's buffered writer: the same one on every call. Bytes stay in its buffer until
     * it fills or is flushed; {@link #close()} flushes it. Files go out with zero copy through
     * {@link Writer#sendFile}. Closing it flushes and shuts the output down.
     */
    public synchronized Writer writer() {
        if (writer == null) {
            writer = new SocketWriter(this, STREAM_BUFFER_SIZE);
        }
        return writer;
    }

    /** Shuts the output down: the peer reads end of stream once it has read what was sent. Reading goes on. */
    public void shutdownOutput() throws IOException {
        shutdown(Op.SHUTDOWN_OUTPUT);
    }

    /** Shuts the input down: later reads return end of stream. Writing goes on. */
    public void shutdownInput() throws IOException {
        shutdown(Op.SHUTDOWN_INPUT);
    }

    private void shutdown(long side) throws IOException {
        Op op = writes.take(Op.Kind.STREAM_SHUTDOWN, handle);
        try {
            op.count(side);
            writes.run(op, IoCore.NO_DEADLINE);
        } finally {
            writes.release(op);
        }
    }

    /** Sets a socket option, such as {@link java.net.StandardSocketOptions#TCP_NODELAY}. */
    public <T> Connection setOption(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option is null; pass a socket option, such as StandardSocketOptions.TCP_NODELAY");
        driver.setOption(handle, option, value);
        return this;
    }

    /** The value of a socket option. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        Objects.requireNonNull(option, "option is null; pass a socket option, such as StandardSocketOptions.TCP_NODELAY");
        return driver.getOption(handle, option);
    }

    /** The address this end is bound to. */
    public SocketAddress localAddress() throws IOException {
        return driver.localAddress(handle);
    }

    /** The address of the peer. */
    public SocketAddress remoteAddress() throws IOException {
        return driver.remoteAddress(handle);
    }

    /** Whether the connection is still open (not yet closed by this side). */
    public boolean isOpen() {
        return driver.isOpen(handle);
    }

    /**
     * Flushes the {@linkplain #writer() writer}, if it was used, then closes the connection and
     * releases its descriptor before returning. The connection is closed even when the flush
     * fails; the failure is then thrown. Idempotent.
     *
     * <p>The flush waits until the peer has taken the bytes, with no bound: a peer that stops
     * reading keeps it waiting forever. In a task, that wait is a cancellation point; a plain
     * thread has no way out. Where the peer is not trusted, call {@link #close(Duration)} or
     * {@link #abort()} instead.
     */
    @Override
    public void close() throws IOException {
        closeAfterFlush(null);
    }

    /**
     * Like {@link #close()}, but gives the flush at most {@code timeout}: if the peer has not taken
     * the buffered bytes by then (or the flush fails), the connection is reset as {@link #abort()}
     * does, and the error is thrown. Either way the connection is closed and its descriptor
     * released when this returns. A timeout too long for the clock is no timeout.
     *
     * @throws SocketTimeoutException if the flush did not finish within {@code timeout}; the peer
     *         sees a reset, and the bytes not yet taken are dropped
     * @throws NullPointerException if {@code timeout} is {@code null}
     */
    public void close(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout is null; pass how long the flush may wait for the peer,"
                + " or call abort() to close at once");
        closeAfterFlush(timeout);
    }

    /**
     * Closes the connection at once, without flushing: the writer's buffered bytes and those the
     * system has not sent yet are dropped, and the peer sees a reset ({@code SO_LINGER} 0), not an
     * orderly end of stream. Never waits for the peer; for a peer that stopped reading, or to
     * refuse one. Idempotent.
     */
    public void abort() throws IOException {
        leak.close();
        try {
            reset();
        } finally {
            driver.close(handle);
        }
    }

    /** Flushes the writer, within {@code timeout} if it is not {@code null} (else resetting), then closes. */
    private void closeAfterFlush(Duration timeout) throws IOException {
        leak.close();
        Writer buffered;
        synchronized (this) {
            buffered = writer;
        }
        boolean flushed = false;
        try {
            if (buffered != null && isOpen()) {
                flushBound = timeout == null ? null : new FlushBound(reads.deadline(timeout), timeout);
                buffered.close();
            }
            flushed = true;
        } finally {
            try {
                if (!flushed && timeout != null) {
                    reset();
                }
            } finally {
                driver.close(handle);
            }
        }
    }

    /** Makes the coming close a reset: {@code SO_LINGER} 0. */
    private void reset() throws IOException {
        if (isOpen()) {
            driver.setOption(handle, StandardSocketOptions.SO_LINGER, 0);
        }
    }

    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Connection[" + handle + "]";
    }
}
