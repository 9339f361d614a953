package io.zsync.examples.redis;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Redis server and talk to it: an immutable value, each {@code with...} method
 * returning a changed copy.
 *
 * <pre>{@code
 * RedisConfig config = RedisConfig.of("127.0.0.1", 6379).withProtocol(3).withPoolSize(16)
 *         .withCommandTimeout(Duration.ofSeconds(2));
 * }</pre>
 *
 * <table>
 *   <caption>Settings and their defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>protocol</td><td>2</td><td>RESP2, or RESP3 through {@code HELLO 3} (Redis 6 and later)</td></tr>
 *   <tr><td>database</td><td>0</td><td>the database {@code SELECT}ed on each new connection</td></tr>
 *   <tr><td>user, password</td><td>none</td><td>sent with {@code HELLO} or {@code AUTH} on each new connection</td></tr>
 *   <tr><td>connectTimeout</td><td>10 s</td><td>bounds connecting and the handshake</td></tr>
 *   <tr><td>commandTimeout</td><td>none</td><td>bounds each command (or pipeline), through {@code Io.withTimeout}</td></tr>
 *   <tr><td>poolSize</td><td>8</td><td>the most connections a {@link RedisClient} holds at once</td></tr>
 *   <tr><td>borrowTimeout</td><td>10 s</td><td>how long a command waits for a connection of a full pool</td></tr>
 *   <tr><td>limits</td><td>{@link RespLimits#defaults()}</td><td>what one reply may hold</td></tr>
 * </table>
 */
public final class RedisConfig {

    private final SocketAddress address;
    private final int protocol;
    private final int database;
    private final String user;
    private final String password;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final int poolSize;
    private final Duration borrowTimeout;
    private final RespLimits limits;

    private RedisConfig(SocketAddress address, int protocol, int database, String user, String password,
            Duration connectTimeout, Duration commandTimeout, int poolSize, Duration borrowTimeout, RespLimits limits) {
        this.address = address;
        this.protocol = protocol;
        this.database = database;
        this.user = user;
        this.password = password;
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
        this.poolSize = poolSize;
        this.borrowTimeout = borrowTimeout;
        this.limits = limits;
    }

    /**
     * The server at {@code address}: an {@link InetSocketAddress} (an unresolved one is resolved
     * on each connect) or a {@link java.net.UnixDomainSocketAddress} (Redis's {@code unixsocket}),
     * with every other setting at its default.
     *
     * @throws NullPointerException if {@code address} is {@code null}
     */
    public static RedisConfig of(SocketAddress address) {
        Objects.requireNonNull(address, "address is null; pass the server's address, such as new InetSocketAddress(\"127.0.0.1\", 6379)");
        return new RedisConfig(address, 2, 0, null, null, Duration.ofSeconds(10), Duration.ZERO, 8, Duration.ofSeconds(10),
                RespLimits.defaults());
    }

    /**
     * The server at {@code host}:{@code port}, resolved on each connect.
     *
     * @throws IllegalArgumentException if {@code port} is not from 1 to 65535
     */
    public static RedisConfig of(String host, int port) {
        Objects.requireNonNull(host, "host is null; pass the server's host name or address, such as \"127.0.0.1\"");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port is " + port + "; pass the server's port, 1 to 65535 (Redis's default is 6379)");
        }
        return of(InetSocketAddress.createUnresolved(host, port));
    }

    /**
     * Speaks RESP{@code protocol}: 2 (every Redis), or 3, asked for with {@code HELLO 3} on each
     * new connection (Redis 6 and later; an older server fails the connect).
     *
     * @throws IllegalArgumentException if {@code protocol} is neither 2 nor 3
     */
    public RedisConfig withProtocol(int protocol) {
        if (protocol != 2 && protocol != 3) {
            throw new IllegalArgumentException("protocol is " + protocol + "; pass 2 (RESP2) or 3 (RESP3)");
        }
        return new RedisConfig(address, protocol, database, user, password, connectTimeout, commandTimeout, poolSize,
                borrowTimeout, limits);
    }

    /**
     * Uses database {@code database} ({@code SELECT}ed on each new connection).
     *
     * @throws IllegalArgumentException if {@code database} is negative
     */
    public RedisConfig withDatabase(int database) {
        if (database < 0) {
            throw new IllegalArgumentException("database is " + database + "; pass a database number, 0 or more");
        }
        return new RedisConfig(address, protocol, database, user, password, connectTimeout, commandTimeout, poolSize,
                borrowTimeout, limits);
    }

    /**
     * Authenticates each new connection as {@code user} with {@code password} (Redis 6 ACLs;
     * {@code "default"} is the user {@code requirepass} sets the password of).
     */
    public RedisConfig withCredentials(String user, String password) {
        Objects.requireNonNull(user, "user is null; pass the ACL user, or \"default\" for the requirepass password");
        Objects.requireNonNull(password, "password is null; pass the user's password");
        return new RedisConfig(address, protocol, database, user, password, connectTimeout, commandTimeout, poolSize,
                borrowTimeout, limits);
    }

    /**
     * Bounds connecting, resolving and the handshake ({@code HELLO}, {@code AUTH}, {@code SELECT}) of each new connection.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public RedisConfig withConnectTimeout(Duration timeout) {
        requirePositive(timeout, "connectTimeout");
        return new RedisConfig(address, protocol, database, user, password, timeout, commandTimeout, poolSize,
                borrowTimeout, limits);
    }

    /**
     * Bounds each command, or each pipeline as a whole, from sending it to reading its reply:
     * past it the command fails with {@link java.net.SocketTimeoutException}, and its connection,
     * in the middle of the exchange, is closed. {@link Duration#ZERO} for no bound (the default).
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public RedisConfig withCommandTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null; pass a Duration, or Duration.ZERO for no bound");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("commandTimeout is " + timeout + "; pass a positive Duration, or Duration.ZERO for no bound");
        }
        return new RedisConfig(address, protocol, database, user, password, connectTimeout, timeout, poolSize,
                borrowTimeout, limits);
    }

    /**
     * Lets a {@link RedisClient} hold up to {@code size} connections at once.
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public RedisConfig withPoolSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("poolSize is " + size + "; pass how many connections the pool may hold, 1 or more");
        }
        return new RedisConfig(address, protocol, database, user, password, connectTimeout, commandTimeout, size,
                borrowTimeout, limits);
    }

    /**
     * Bounds how long a command waits for a connection when the pool's are all in use; past it
     * the command fails with {@link RedisException}.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public RedisConfig withBorrowTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null; pass how long a command may wait for a connection");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("borrowTimeout is " + timeout + "; pass zero (do not wait) or a positive Duration");
        }
        return new RedisConfig(address, protocol, database, user, password, connectTimeout, commandTimeout, poolSize,
                timeout, limits);
    }

    /** Reads replies within {@code limits}. */
    public RedisConfig withLimits(RespLimits limits) {
        Objects.requireNonNull(limits, "limits is null; pass RespLimits.defaults() or your own");
        return new RedisConfig(address, protocol, database, user, password, connectTimeout, commandTimeout, poolSize,
                borrowTimeout, limits);
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name + " is null; pass a positive Duration");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " is " + timeout + "; pass a positive Duration");
        }
    }

    /** The server's address. */
    public SocketAddress address() {
        return address;
    }

    /** 2 or 3. */
    public int protocol() {
        return protocol;
    }

    /** The database selected on each new connection. */
    public int database() {
        return database;
    }

    /** The ACL user, or {@code null} for none. */
    public String user() {
        return user;
    }

    /** Whether credentials are set. */
    boolean hasCredentials() {
        return password != null;
    }

    /** The password, or {@code null}: not public, so that it is not logged by accident. */
    String password() {
        return password;
    }

    /** The bound on connecting and the handshake. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The bound on each command; {@link Duration#ZERO} for none. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** The most connections a client holds at once. */
    public int poolSize() {
        return poolSize;
    }

    /** How long a command waits for a connection of a full pool. */
    public Duration borrowTimeout() {
        return borrowTimeout;
    }

    /** What one reply may hold. */
    public RespLimits limits() {
        return limits;
    }

    @Override
    public String toString() {
        return "RedisConfig[" + address + ", RESP" + protocol + ", db " + database + (user == null ? "" : ", user " + user)
                + ", poolSize " + poolSize + "]";
    }
}
