package io.zsync.net;

import io.zsync.Io;
import io.zsync.diagnostics.Leaks;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;

/**
 * A listening stream socket, TCP or Unix-domain, made by {@link Net#listen}. {@link #accept()}
 * may be called by several tasks at once; each connection goes to one of them.
 */
public final class Listener implements AutoCloseable {

    private final Io io;
    private final ServerSocketChannel channel;
    /** The socket file this listener created, deleted when it closes; {@code null} for TCP. */
    private final UnixDomainSocketAddress socketFile;
    private final Leaks.Tracker leak;

    Listener(Io io, ServerSocketChannel channel, UnixDomainSocketAddress socketFile) {
        this.io = io;
        this.channel = channel;
        this.socketFile = socketFile;
        this.leak = Leaks.track(io, this);
    }

    /**
     * Waits for the next connection and returns it. A cancellation point: a canceled accept takes
     * no connection, so a pending one stays for the next accept.
     */
    public Connection accept() throws IOException {
        io.checkCancel();
        while (true) {
            SocketChannel accepted = channel.accept();
            if (accepted != null) {
                return adopt(accepted);
            }
            io.awaitReady(channel, SelectionKey.OP_ACCEPT);
        }
    }

    /**
     * Like {@link #accept()}, but gives up after {@code timeout}, as a {@code ServerSocket} with
     * {@code setSoTimeout} does: an accept that timed out took no connection, and the listener
     * stays open and usable (accept again, or close it). A cancellation point.
     *
     * @throws SocketTimeoutException if no connection came within {@code timeout}
     */
    public Connection accept(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout is null; pass how long to wait for a connection");
        io.checkCancel();
        long start = io.nanoTime();
        while (true) {
            SocketChannel accepted = channel.accept();
            if (accepted != null) {
                return adopt(accepted);
            }
            if (!io.awaitReady(channel, SelectionKey.OP_ACCEPT, Readiness.left(io, timeout, start))) {
                throw new SocketTimeoutException("no connection came within " + timeout
                        + "; none was taken and the listener is open: accept again, or close it");
            }
        }
    }

    private Connection adopt(SocketChannel accepted) throws IOException {
        try {
            accepted.configureBlocking(false);
            return new Connection(io, accepted);
        } catch (IOException | RuntimeException e) {
            accepted.close();
            throw e;
        }
    }

    /** The address the listener is bound to: with the port picked when 0 was asked for. */
    public SocketAddress localAddress() throws IOException {
        return channel.getLocalAddress();
    }

    /** Sets a socket option, such as {@link java.net.StandardSocketOptions#SO_RCVBUF} for accepted connections. */
    public <T> Listener setOption(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option is null; pass a socket option, such as StandardSocketOptions.SO_RCVBUF");
        channel.setOption(option, value);
        return this;
    }

    /** Stops listening and releases the descriptor before returning; a Unix socket's file is deleted. Idempotent. */
    @Override
    public void close() throws IOException {
        leak.close();
        boolean first = channel.isOpen();
        try {
            io.closeChannel(channel);
        } finally {
            // Only on the first close: a later server may have bound the same path since.
            if (first && socketFile != null) {
                Files.deleteIfExists(socketFile.getPath());
            }
        }
    }

    @Override
    public String toString() {
        return "Listener[" + channel + "]";
    }
}
