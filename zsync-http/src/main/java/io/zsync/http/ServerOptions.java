package io.zsync.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and timeouts of an {@link HttpServer}. Immutable: each method returns a copy with
 * one value changed. {@link #defaults()}:
 *
 * <table>
 * <caption>Server options</caption>
 * <tr><th>option</th><th>default</th><th>past it</th></tr>
 * <tr><td>{@link #maxConnections}</td><td>10,000</td><td>a new connection gets 503 and is closed</td></tr>
 * <tr><td>{@link #maxRequestLineBytes}</td><td>8 KiB</td><td>414</td></tr>
 * <tr><td>{@link #maxHeaderBytes}</td><td>32 KiB (all fields)</td><td>431</td></tr>
 * <tr><td>{@link #maxHeaderCount}</td><td>100</td><td>431</td></tr>
 * <tr><td>{@link #maxBodyBytes}</td><td>10 MiB</td><td>413</td></tr>
 * <tr><td>{@link #headerTimeout}</td><td>10 s, from a request's first byte to its head's end</td><td>408, closed</td></tr>
 * <tr><td>{@link #readTimeout}</td><td>30 s, each wait for body bytes</td><td>closed</td></tr>
 * <tr><td>{@link #idleTimeout}</td><td>60 s between requests</td><td>closed</td></tr>
 * <tr><td>{@link #shutdownGrace}</td><td>5 s for {@link HttpServer#close()}</td><td>requests canceled</td></tr>
 * </table>
 */
public final class ServerOptions {

    private static final ServerOptions DEFAULTS = new ServerOptions(10_000, 8 * 1024, 32 * 1024, 100,
            10L << 20, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5));

    private final int maxConnections;
    private final int maxRequestLineBytes;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final long maxBodyBytes;
    private final Duration headerTimeout;
    private final Duration readTimeout;
    private final Duration idleTimeout;
    private final Duration shutdownGrace;

    private ServerOptions(int maxConnections, int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount,
            long maxBodyBytes, Duration headerTimeout, Duration readTimeout, Duration idleTimeout, Duration shutdownGrace) {
        this.maxConnections = maxConnections;
        this.maxRequestLineBytes = maxRequestLineBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxHeaderCount = maxHeaderCount;
        this.maxBodyBytes = maxBodyBytes;
        this.headerTimeout = headerTimeout;
        this.readTimeout = readTimeout;
        this.idleTimeout = idleTimeout;
        this.shutdownGrace = shutdownGrace;
    }

    /** The defaults of the table above. */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /** The most connections open at once, at least 1. */
    public ServerOptions maxConnections(int max) {
        return new ServerOptions(positive(max, "maxConnections"), maxRequestLineBytes, maxHeaderBytes, maxHeaderCount,
                maxBodyBytes, headerTimeout, readTimeout, idleTimeout, shutdownGrace);
    }

    /** The longest request line, in bytes, at least 16. */
    public ServerOptions maxRequestLineBytes(int max) {
        return new ServerOptions(maxConnections, atLeast(max, 16, "maxRequestLineBytes"), maxHeaderBytes, maxHeaderCount,
                maxBodyBytes, headerTimeout, readTimeout, idleTimeout, shutdownGrace);
    }

    /** The most bytes of all header fields of a request together, at least 64. */
    public ServerOptions maxHeaderBytes(int max) {
        return new ServerOptions(maxConnections, maxRequestLineBytes, atLeast(max, 64, "maxHeaderBytes"), maxHeaderCount,
                maxBodyBytes, headerTimeout, readTimeout, idleTimeout, shutdownGrace);
    }

    /** The most header fields of a request, at least 1. */
    public ServerOptions maxHeaderCount(int max) {
        return new ServerOptions(maxConnections, maxRequestLineBytes, maxHeaderBytes, positive(max, "maxHeaderCount"),
                maxBodyBytes, headerTimeout, readTimeout, idleTimeout, shutdownGrace);
    }

    /** The largest request body, in bytes, 0 or more. */
    public ServerOptions maxBodyBytes(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxBodyBytes is " + max + "; pass 0 or more");
        }
        return new ServerOptions(maxConnections, maxRequestLineBytes, maxHeaderBytes, maxHeaderCount,
                max, headerTimeout, readTimeout, idleTimeout, shutdownGrace);
    }

    /** How long a request's head may take to arrive, from its first byte. */
    public ServerOptions headerTimeout(Duration timeout) {
        return new ServerOptions(maxConnections, maxRequestLineBytes, maxHeaderBytes, maxHeaderCount,
                maxBodyBytes, duration(timeout, "headerTimeout"), readTimeout, idleTimeout, shutdownGrace);
    }

    /** How long each read of a request body may wait for bytes. */
    public ServerOptions readTimeout(Duration timeout) {
        return new ServerOptions(maxConnections, maxRequestLineBytes, maxHeaderBytes, maxHeaderCount,
                maxBodyBytes, headerTimeout, duration(timeout, "readTimeout"), idleTimeout, shutdownGrace);
    }

    /** How long a kept-alive connection may wait for its next request. */
    public ServerOptions idleTimeout(Duration timeout) {
        return new ServerOptions(maxConnections, maxRequestLineBytes, maxHeaderBytes, maxHeaderCount,
                maxBodyBytes, headerTimeout, readTimeout, duration(timeout, "idleTimeout"), shutdownGrace);
    }

    /** How long {@link HttpServer#close()} lets requests in flight finish before it cancels them; may be zero. */
    public ServerOptions shutdownGrace(Duration grace) {
        Objects.requireNonNull(grace, "shutdownGrace is null; pass how long requests in flight may take at close");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace is " + grace + "; pass zero or more");
        }
        return new ServerOptions(maxConnections, maxRequestLineBytes, maxHeaderBytes, maxHeaderCount,
                maxBodyBytes, headerTimeout, readTimeout, idleTimeout, grace);
    }

    /** See {@link #maxConnections(int)}. */
    public int maxConnections() {
        return maxConnections;
    }

    /** See {@link #maxRequestLineBytes(int)}. */
    public int maxRequestLineBytes() {
        return maxRequestLineBytes;
    }

    /** See {@link #maxHeaderBytes(int)}. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** See {@link #maxHeaderCount(int)}. */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /** See {@link #maxBodyBytes(long)}. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** See {@link #headerTimeout(Duration)}. */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** See {@link #readTimeout(Duration)}. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** See {@link #idleTimeout(Duration)}. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** See {@link #shutdownGrace(Duration)}. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    @Override
    public String toString() {
        return "ServerOptions[maxConnections=" + maxConnections + ", maxRequestLineBytes=" + maxRequestLineBytes
                + ", maxHeaderBytes=" + maxHeaderBytes + ", maxHeaderCount=" + maxHeaderCount + ", maxBodyBytes="
                + maxBodyBytes + ", headerTimeout=" + headerTimeout + ", readTimeout=" + readTimeout
                + ", idleTimeout=" + idleTimeout + ", shutdownGrace=" + shutdownGrace + "]";
    }

    private static int positive(int value, String name) {
        return atLeast(value, 1, name);
    }

    private static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " is " + value + "; pass " + min + " or more");
        }
        return value;
    }

    static Duration duration(Duration timeout, String name) {
        Objects.requireNonNull(timeout, () -> name + " is null; pass a positive duration");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " is " + timeout + "; pass a positive duration");
        }
        return timeout;
    }
}
