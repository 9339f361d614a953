package io.zsync.examples.redis;

import io.zsync.Io;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Redis client: the commands of {@link RedisCommands}, each run on a connection of a pool, so
 * that many tasks can use one client at once.
 *
 * <pre>{@code
 * try (Io io = Io.open("virtual");
 *         RedisClient redis = RedisClient.create(io, RedisConfig.of("127.0.0.1", 6379).withProtocol(3))) {
 *     redis.set("greeting", "hello");
 *     String greeting = redis.get("greeting");
 *     List<Reply> replies = redis.pipeline().add("INCR", "n").add("INCR", "n").execute();
 * }
 * }</pre>
 *
 * <h2>The pool</h2>
 * A command borrows a connection (an idle one, else a new one, up to
 * {@link RedisConfig#withPoolSize poolSize}; when all are in use it waits up to the
 * {@link RedisConfig#withBorrowTimeout borrow timeout}), runs, and gives it back. A connection on
 * which a command did not end cleanly (canceled, timed out, failed in the middle of its exchange)
 * is closed and never given back: its reply could otherwise be read as another command's.
 * {@link #poolStats()} counts what the pool did. Connections are not checked before reuse: Redis
 * keeps idle clients unless its {@code timeout} setting says otherwise; a connection it closed
 * fails the next command on it once, and is dropped.
 *
 * <h2>Refused here</h2>
 * Commands that change the state of their connection for the commands after them would reach the
 * next borrower: {@code SELECT}, {@code HELLO}, {@code AUTH}, {@code RESET}, {@code QUIT} (set them
 * in {@link RedisConfig}), and {@code MULTI}, {@code EXEC}, {@code DISCARD}, {@code WATCH},
 * {@code UNWATCH} alone: run a transaction as a pipeline that ends it, or on a
 * {@link RedisConnection} of your own. Pub/sub is {@link #subscriber()}.
 *
 * <p>Thread-safe. Blocking and cancellation: see {@link RedisCommands} and {@link RedisConnection}.
 */
public final class RedisClient extends RedisCommands implements AutoCloseable {

    private static final Set<String> CONNECTION_STATE = Set.of("SELECT", "HELLO", "AUTH", "RESET", "QUIT");
    private static final Set<String> TRANSACTION = Set.of("MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH");

    private final Io io;
    private final RedisConfig config;
    private final RedisPool pool;

    private RedisClient(Io io, RedisConfig config) {
        this.io = io;
        this.config = config;
        this.pool = new RedisPool(io, config);
    }

    /**
     * A client of the server {@code config} names, its tasks run by {@code io}. It connects on
     * the first command, not here.
     */
    public static RedisClient create(Io io, RedisConfig config) {
        Objects.requireNonNull(io, "io is null; pass the Io whose tasks will run the commands");
        Objects.requireNonNull(config, "config is null; pass RedisConfig.of(host, port)");
        return new RedisClient(io, config);
    }

    /** The settings this client was created with. */
    public RedisConfig config() {
        return config;
    }

    /**
     * A subscriber on a new connection of its own, not one of the pool's: yours to close.
     *
     * @throws IllegalStateException if this client is closed
     */
    public RedisSubscriber subscriber() throws IOException {
        pool.requireOpen();
        return new RedisSubscriber(RedisConnection.open(io, config));
    }

    /** What the pool did so far. */
    public PoolStats poolStats() {
        return pool.stats();
    }

    @Override
    Reply execute(byte[][] command) throws IOException {
        String name = RespEncoder.name(command);
        requirePoolSafe(command);
        if (TRANSACTION.contains(name)) {
            throw new IllegalArgumentException(name + " alone would leave a pooled connection in a transaction for its next"
                    + " user; run MULTI ... EXEC as one pipeline(), or on a RedisConnection.open(io, config) of your own");
        }
        RedisConnection connection = pool.borrow();
        try {
            return connection.execute(command);
        } finally {
            pool.release(connection);
        }
    }

    @Override
    List<Reply> executeAll(List<byte[][]> commands) throws IOException {
        boolean inTransaction = false;
        boolean watching = false;
        for (byte[][] command : commands) {
            String name = RespEncoder.name(command);
            requirePoolSafe(command);
            switch (name) {
                case "MULTI" -> inTransaction = true;
                case "WATCH" -> watching = true;
                case "UNWATCH" -> watching = false;
                case "EXEC", "DISCARD" -> {
                    inTransaction = false;
                    watching = false;
                }
                default -> { }
            }
        }
        if (inTransaction || watching) {
            throw new IllegalArgumentException("the pipeline leaves a " + (inTransaction ? "MULTI" : "WATCH") + " open, which"
                    + " the connection's next user would inherit; end it with EXEC or DISCARD" + (inTransaction ? "" : " or UNWATCH")
                    + " in the same pipeline");
        }
        RedisConnection connection = pool.borrow();
        try {
            return connection.executeAll(commands);
        } finally {
            pool.release(connection);
        }
    }

    /** Refuses, before borrowing, what the connection would refuse and what would change it for its next user. */
    private static void requirePoolSafe(byte[][] command) {
        RedisConnection.requirePaired(command);
        String name = RespEncoder.name(command);
        if (CONNECTION_STATE.contains(name)) {
            throw new IllegalArgumentException(name + " would change a pooled connection for its next user; set the"
                    + " protocol, credentials and database in RedisConfig, or use a RedisConnection.open(io, config) of your own");
        }
    }

    /**
     * Closes the pool's connections: the idle ones, and those lent to a command, which fails.
     * Later commands throw {@link IllegalStateException}. Subscribers stay open. Idempotent.
     */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "RedisClient[" + config + ", " + pool.stats() + "]";
    }
}
