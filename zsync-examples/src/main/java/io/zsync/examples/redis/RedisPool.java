package io.zsync.examples.redis;

import io.zsync.Io;
import io.zsync.Semaphore;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The connections of a {@link RedisClient}: at most {@code poolSize} at once, each lent to one
 * command at a time. A permit of {@link #permits} stands for each connection lent, or being
 * opened; a command waits for one up to the borrow timeout. Idle connections are reused most
 * recent first (the one likeliest to be warm); a connection that comes back closed, because a
 * command did not end cleanly on it, is dropped, and its permit lets a new one be opened.
 *
 * <p>Thread-safe. The monitor guards the collections and counts only, and is never held across
 * a wait or I/O, so that it is fine on every backend.
 */
final class RedisPool {

    private final Io io;
    private final RedisConfig config;
    private final Semaphore permits;
    /** Open, free connections; the last is the most recently returned. */
    private final ArrayDeque<RedisConnection> idle = new ArrayDeque<>();
    private final Set<RedisConnection> lent = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;
    private long created;
    private long reused;
    private long dropped;

    RedisPool(Io io, RedisConfig config) {
        this.io = io;
        this.config = config;
        this.permits = io.semaphore(config.poolSize());
    }

    /**
     * A connection for one command (or pipeline): an idle one, or a new one if none is and the
     * pool has room. Give it back with {@link #release}. A cancellation point.
     *
     * @throws RedisException if none was free within the borrow timeout
     * @throws IllegalStateException if the pool is closed
     */
    RedisConnection borrow() throws IOException {
        requireOpen();
        if (!permits.acquire(config.borrowTimeout())) {
            throw new RedisException("no connection to " + config.address() + " was free within the borrow timeout of "
                    + config.borrowTimeout() + ": all " + config.poolSize() + " are in use; raise RedisConfig.withPoolSize"
                    + " or withBorrowTimeout, or make commands hold them for shorter");
        }
        boolean handedOut = false;
        try {
            RedisConnection connection = takeIdle();
            if (connection == null) {
                connection = adopt(RedisConnection.open(io, config));
            }
            handedOut = true;
            return connection;
        } finally {
            if (!handedOut) {
                permits.release();
            }
        }
    }

    private synchronized RedisConnection takeIdle() {
        requireOpen();
        RedisConnection connection = idle.pollLast();
        if (connection != null) {
            reused++;
            lent.add(connection);
        }
        return connection;
    }

    private RedisConnection adopt(RedisConnection connection) {
        synchronized (this) {
            if (!closed) {
                created++;
                lent.add(connection);
                return connection;
            }
        }
        connection.close();
        throw closedPool();
    }

    /**
     * Takes back a connection {@link #borrow} gave: kept if it is open, closed if the pool
     * closed meanwhile, dropped if a command broke it. Never waits.
     */
    void release(RedisConnection connection) {
        boolean kept;
        synchronized (this) {
            lent.remove(connection);
            kept = !closed && connection.isOpen();
            if (kept) {
                idle.addLast(connection);
            } else if (!connection.isOpen()) {
                dropped++;
            }
        }
        if (!kept) {
            connection.close();
        }
        permits.release();
    }

    synchronized PoolStats stats() {
        return new PoolStats(created, reused, dropped, idle.size(), lent.size());
    }

    /** Closes the idle connections, and resets those lent, failing their commands. Idempotent. */
    void close() {
        List<RedisConnection> free;
        List<RedisConnection> busy;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            free = new ArrayList<>(idle);
            busy = new ArrayList<>(lent);
            idle.clear();
        }
        for (RedisConnection connection : free) {
            connection.close();
        }
        for (RedisConnection connection : busy) {
            connection.breakOff();
        }
    }

    /** @throws IllegalStateException if the pool is closed */
    synchronized void requireOpen() {
        if (closed) {
            throw closedPool();
        }
    }

    private static IllegalStateException closedPool() {
        return new IllegalStateException("the RedisClient is closed; create a new one");
    }
}
