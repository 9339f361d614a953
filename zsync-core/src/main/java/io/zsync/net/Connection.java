package io.zsync.net;

import io.zsync.Io;
import io.zsync.Leaks;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected stream socket, TCP or Unix-domain, made by {@link Net#connect} or
 * {@link Listener#accept()}.
 *
 * <p>Every read and write is a cancellation point. A canceled {@code read} consumes nothing: the
 * bytes that arrived stay for the next read. A canceled {@code write} has written exactly what the
 * source buffer's position says, and no more. The connection stays open either way.
 *
 * <p>One task may read while another writes; two tasks must not read (or write) at once.
 * {@link #close()} may be called from any task.
 */
public final class Connection implements AutoCloseable {

    /** Large enough for a socket's typical send and receive sizes; small enough for many connections. */
    private static final int STREAM_BUFFER_SIZE = 16 * 1024;

    private final Io io;
    private final SocketChannel channel;
    private final Leaks.Tracker leak;
    private SocketReader reader;
    private SocketWriter writer;

    Connection(Io io, SocketChannel channel) {
        this.io = io;
        this.channel = channel;
        this.leak = Leaks.track(io, this);
    }

    /**
     * Reads some bytes into {@code dst}, waiting until at least one arrives.
     *
     * @return the number of bytes read, or -1 at end of stream (the peer shut its output down);
     *         0 only if {@code dst} has no room
     */
    public int read(ByteBuffer dst) throws IOException {
        return Readiness.read(io, channel, dst);
    }

    /**
     * Reads into {@code dsts} in order (a scattering read), waiting until at least one byte arrives.
     *
     * @return the number of bytes read, or -1 at end of stream; 0 only if no buffer has room
     */
    public long read(ByteBuffer[] dsts) throws IOException {
        io.checkCancel();
        while (true) {
            long n = channel.read(dsts);
            if (n != 0 || !hasRemaining(dsts)) {
                return n;
            }
            io.awaitReady(channel, SelectionKey.OP_READ);
        }
    }

    /** Writes every remaining byte of {@code src}, waiting for room as needed. */
    public void write(ByteBuffer src) throws IOException {
        io.checkCancel();
        while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
                io.awaitReady(channel, SelectionKey.OP_WRITE);
            }
        }
    }

    /** Writes every remaining byte of {@code srcs}, in order, with as few gathering writes as the socket allows. */
    public void write(ByteBuffer[] srcs) throws IOException {
        io.checkCancel();
        while (hasRemaining(srcs)) {
            if (channel.write(srcs) == 0) {
                io.awaitReady(channel, SelectionKey.OP_WRITE);
            }
        }
    }

    /**
     * Writes what {@code srcs} holds with one gathering write, without waiting: the hook a
     * buffered writer needs.
     *
     * @return the number of bytes written, possibly 0 when the socket's send buffer is full
     */
    long writeSome(ByteBuffer[] srcs) throws IOException {
        return channel.write(srcs);
    }

    /** Waits until the socket can take more bytes. A cancellation point. */
    void awaitWritable() throws IOException {
        io.awaitReady(channel, SelectionKey.OP_WRITE);
    }

    /** Moves file bytes to the socket without copying them through the heap, without waiting; possibly 0. */
    long transferFrom(FileChannel file, long position, long count) throws IOException {
        return file.transferTo(position, count, channel);
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
        channel.shutdownOutput();
    }

    /** Shuts the input down: later reads return end of stream. Writing goes on. */
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    /** Sets a socket option, such as {@link java.net.StandardSocketOptions#TCP_NODELAY}. */
    public <T> Connection setOption(SocketOption<T> option, T value) throws IOException {
        channel.setOption(option, value);
        return this;
    }

    /** The value of a socket option. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return channel.getOption(option);
    }

    /** The address this end is bound to. */
    public SocketAddress localAddress() throws IOException {
        return channel.getLocalAddress();
    }

    /** The address of the peer. */
    public SocketAddress remoteAddress() throws IOException {
        return channel.getRemoteAddress();
    }

    /** Whether the connection is still open (not yet closed by this side). */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Flushes the {@linkplain #writer() writer}, if it was used, then closes the connection and
     * releases its descriptor before returning. The connection is closed even when the flush
     * fails; the failure is then thrown. Idempotent.
     */
    @Override
    public void close() throws IOException {
        leak.close();
        Writer buffered;
        synchronized (this) {
            buffered = writer;
        }
        try {
            if (buffered != null && channel.isOpen()) {
                buffered.close();
            }
        } finally {
            io.closeChannel(channel);
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
        return "Connection[" + channel + "]";
    }
}
