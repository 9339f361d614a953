package io.zsync.http;

import io.zsync.net.Connection;

/**
 * A connection of an {@link OriginPool}: in use by one exchange at a time, or idle in the pool
 * since {@link #idleSince}. Whoever holds it gives it back with {@link #release}, exactly once
 * per {@link OriginPool#acquire}.
 */
final class PooledConnection {

    private static final System.Logger LOG = System.getLogger(HttpClient.class.getName());

    private final OriginPool pool;
    private final Connection connection;
    private final boolean reused;
    private long idleSince;

    PooledConnection(OriginPool pool, Connection connection, boolean reused) {
        this.pool = pool;
        this.connection = connection;
        this.reused = reused;
    }

    /** The same connection, handed out again from the pool. */
    PooledConnection reuse() {
        return new PooledConnection(pool, connection, true);
    }

    Connection connection() {
        return connection;
    }

    /** Whether it came from the pool rather than a fresh connect. */
    boolean reused() {
        return reused;
    }

    long idleSince() {
        return idleSince;
    }

    void idleSince(long nanoTime) {
        idleSince = nanoTime;
    }

    /** Gives it back: to the pool if {@code clean} (at a message boundary, kept alive), else closed. */
    void release(boolean clean) {
        pool.release(this, clean);
    }

    /** Closes the connection at once (a reset when bytes were left unread). */
    void abort() {
        Quietly.run(LOG, "closing", connection, connection::abort);
    }
}
