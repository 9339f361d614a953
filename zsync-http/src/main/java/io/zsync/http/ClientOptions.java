package io.zsync.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The pool, timeouts and redirects of an {@link HttpClient}. Immutable: each method returns a
 * copy with one value changed. {@link #defaults()}: 16 connections per origin, idle ones closed
 * after 30 s, connect timeout 10 s, each read waiting at most 30 s, no whole-request timeout, no
 * redirects followed, response heads up to 64 KiB.
 */
public final class ClientOptions {

    private static final ClientOptions DEFAULTS = new ClientOptions(16, Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(30), null, 0, 64 * 1024);

    private final int maxConnectionsPerOrigin;
    private final Duration idleTimeout;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration requestTimeout;
    private final int maxRedirects;
    private final int maxHeaderBytes;

    private ClientOptions(int maxConnectionsPerOrigin, Duration idleTimeout, Duration connectTimeout,
            Duration readTimeout, Duration requestTimeout, int maxRedirects, int maxHeaderBytes) {
        this.maxConnectionsPerOrigin = maxConnectionsPerOrigin;
        this.idleTimeout = idleTimeout;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.requestTimeout = requestTimeout;
        this.maxRedirects = maxRedirects;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** The defaults of the class doc. */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    /** The most connections open at once to one origin (scheme, host, port), at least 1; a request beyond them waits for one. */
    public ClientOptions maxConnectionsPerOrigin(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxConnectionsPerOrigin is " + max + "; pass 1 or more");
        }
        return new ClientOptions(max, idleTimeout, connectTimeout, readTimeout, requestTimeout, maxRedirects, maxHeaderBytes);
    }

    /** How long a connection may stay idle in the pool before it is closed rather than reused. */
    public ClientOptions idleTimeout(Duration timeout) {
        return new ClientOptions(maxConnectionsPerOrigin, ServerOptions.duration(timeout, "idleTimeout"), connectTimeout,
                readTimeout, requestTimeout, maxRedirects, maxHeaderBytes);
    }

    /** How long connecting may take (name resolution included). */
    public ClientOptions connectTimeout(Duration timeout) {
        return new ClientOptions(maxConnectionsPerOrigin, idleTimeout, ServerOptions.duration(timeout, "connectTimeout"),
                readTimeout, requestTimeout, maxRedirects, maxHeaderBytes);
    }

    /** How long each read of a response may wait for bytes. */
    public ClientOptions readTimeout(Duration timeout) {
        return new ClientOptions(maxConnectionsPerOrigin, idleTimeout, connectTimeout,
                ServerOptions.duration(timeout, "readTimeout"), requestTimeout, maxRedirects, maxHeaderBytes);
    }

    /**
     * How long {@link HttpClient#send} may take in all, from waiting for a connection to the end
     * of the response's head (reading the body is the caller's, bound it with {@code io.withTimeout}).
     */
    public ClientOptions requestTimeout(Duration timeout) {
        return new ClientOptions(maxConnectionsPerOrigin, idleTimeout, connectTimeout, readTimeout,
                ServerOptions.duration(timeout, "requestTimeout"), maxRedirects, maxHeaderBytes);
    }

    /** Follows up to {@code max} redirects (301, 302, 303, 307, 308); 0, the default, follows none. */
    public ClientOptions followRedirects(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("followRedirects is " + max + "; pass 0 (none) or more");
        }
        return new ClientOptions(maxConnectionsPerOrigin, idleTimeout, connectTimeout, readTimeout, requestTimeout, max,
                maxHeaderBytes);
    }

    /** The most bytes of a response's head, status line and fields, at least 64. */
    public ClientOptions maxHeaderBytes(int max) {
        if (max < 64) {
            throw new IllegalArgumentException("maxHeaderBytes is " + max + "; pass 64 or more");
        }
        return new ClientOptions(maxConnectionsPerOrigin, idleTimeout, connectTimeout, readTimeout, requestTimeout,
                maxRedirects, max);
    }

    /** See {@link #maxConnectionsPerOrigin(int)}. */
    public int maxConnectionsPerOrigin() {
        return maxConnectionsPerOrigin;
    }

    /** See {@link #idleTimeout(Duration)}. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** See {@link #connectTimeout(Duration)}. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** See {@link #readTimeout(Duration)}. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** See {@link #requestTimeout(Duration)}; {@code null} when there is none. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** See {@link #followRedirects(int)}. */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** See {@link #maxHeaderBytes(int)}. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    @Override
    public String toString() {
        return "ClientOptions[maxConnectionsPerOrigin=" + maxConnectionsPerOrigin + ", idleTimeout=" + idleTimeout
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", requestTimeout="
                + Objects.requireNonNullElse(requestTimeout, "none") + ", maxRedirects=" + maxRedirects
                + ", maxHeaderBytes=" + maxHeaderBytes + "]";
    }
}
