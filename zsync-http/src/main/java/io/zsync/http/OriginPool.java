package io.zsync.http;

import io.zsync.Io;
import io.zsync.Semaphore;
import io.zsync.net.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeoutException;

/**
 * The connections of an {@link HttpClient} to one origin: at most {@code max} open, each either
 * in use by one exchange or idle, newest idle reused first. A permit of {@link #permits} is held
 * by each connection in use, so a request beyond {@code max} waits for one to come back.
 *
 * <p>Before reuse an idle connection is checked: too long idle, or readable (the server closed it,
 * or sent bytes nobody asked for), it is closed instead. The check is a read that must not
 * complete at once, canceled, so it consumes nothing.
 */
final class OriginPool {

    private static final Duration NOW = Duration.ZERO;

    private final Io io;
    private final InetSocketAddress address;
    private final ClientOptions options;
    private final HttpClient client;
    private final Semaphore permits;
    /** Guarded by {@code this}. */
    private final Deque<PooledConnection> idle = new ArrayDeque<>();
    /** Guarded by {@code this}. */
    private boolean closed;

    OriginPool(Io io, InetSocketAddress address, ClientOptions options, HttpClient client) {
        this.io = io;
        this.address = address;
        this.options = options;
        this.client = client;
        this.permits = io.semaphore(options.maxConnectionsPerOrigin());
    }

    /**
     * A connection to use for one exchange: an idle one that passes the check, or a new one
     * ({@code fresh} asks for a new one). Waits for a permit when {@code max} are in use. A
     * cancellation point; on any exception nothing is held.
     */
    PooledConnection acquire(boolean fresh) throws IOException {
        permits.acquire();
        try {
            if (!fresh) {
                for (PooledConnection c; (c = pollIdle()) != null; ) {
                    if (healthy(c)) {
                        client.counted(true);
                        return c.reuse();
                    }
                    c.abort();
                }
            }
            Connection connection = io.net().connect(address, options.connectTimeout());
            connection.setReadTimeout(options.readTimeout());
            client.counted(false);
            return new PooledConnection(this, connection, false);
        } catch (Throwable t) {
            permits.release();
            throw t;
        }
    }

    /** See {@link PooledConnection#release}. */
    void release(PooledConnection connection, boolean clean) {
        boolean keep;
        synchronized (this) {
            keep = clean && !closed;
            if (keep) {
                connection.idleSince(io.nanoTime());
                idle.addLast(connection);
            }
        }
        if (!keep) {
            connection.abort();
        }
        permits.release();
    }

    /** Idle connections now, for tests and metrics. */
    synchronized int idleCount() {
        return idle.size();
    }

    /** Closes the idle connections, and those in use as they come back. */
    void close() {
        Deque<PooledConnection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        for (PooledConnection connection : toClose) {
            connection.abort();
        }
    }

    private synchronized PooledConnection pollIdle() {
        return idle.pollLast();
    }

    private boolean healthy(PooledConnection c) throws IOException {
        if (io.nanoTime() - c.idleSince() > options.idleTimeout().toNanos()) {
            return false;
        }
        Connection connection = c.connection();
        if (!connection.isOpen() || connection.reader().buffered() > 0) {
            return false;
        }
        try {
            io.operate(connection.readOp(ByteBuffer.allocate(1)), NOW);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
