package io.zsync.http3;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of an {@link Http3Server}; immutable, each setter returns a copy.
 *
 * <table class="striped">
 *   <caption>Options and defaults</caption>
 *   <thead><tr><th>option</th><th>default</th><th>what it bounds</th></tr></thead>
 *   <tbody>
 *     <tr><td>{@link #maxRequestBodyBytes}</td><td>16 MiB</td><td>a request's body held in
 *         memory; over it the client gets {@code 413} and its stream is reset</td></tr>
 *     <tr><td>{@link #maxStreamsPerConnection}</td><td>128</td><td>requests one QUIC
 *         connection may have open at once (QUIC's {@code initial_max_streams_bidi})</td></tr>
 *     <tr><td>{@link #maxPendingRequests}</td><td>1024</td><td>requests read and not yet
 *         handed to a task; past it the client gets {@code 503}</td></tr>
 *     <tr><td>{@link #idleTimeout}</td><td>30 s</td><td>a connection with no packet for that
 *         long is closed (QUIC's {@code max_idle_timeout}, kept by the library's timer)</td></tr>
 *     <tr><td>{@link #gracePeriod}</td><td>5 s</td><td>how long {@link Http3Server#close()} lets
 *         requests in flight finish before it cancels them</td></tr>
 *   </tbody>
 * </table>
 */
public final class ServerOptions {

    private final int maxRequestBodyBytes;
    private final int maxStreamsPerConnection;
    private final int maxPendingRequests;
    private final Duration idleTimeout;
    private final Duration gracePeriod;

    private ServerOptions(int maxRequestBodyBytes, int maxStreamsPerConnection, int maxPendingRequests,
            Duration idleTimeout, Duration gracePeriod) {
        this.maxRequestBodyBytes = maxRequestBodyBytes;
        this.maxStreamsPerConnection = maxStreamsPerConnection;
        this.maxPendingRequests = maxPendingRequests;
        this.idleTimeout = idleTimeout;
        this.gracePeriod = gracePeriod;
    }

    /** Every option at its default (see the table). */
    public static ServerOptions defaults() {
        return new ServerOptions(16 << 20, 128, 1024, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    /** @throws IllegalArgumentException if {@code bytes} is negative */
    public ServerOptions maxRequestBodyBytes(int bytes) {
        return new ServerOptions(atLeast(0, bytes, "maxRequestBodyBytes"), maxStreamsPerConnection,
                maxPendingRequests, idleTimeout, gracePeriod);
    }

    /** @throws IllegalArgumentException if {@code streams} is below 1 */
    public ServerOptions maxStreamsPerConnection(int streams) {
        return new ServerOptions(maxRequestBodyBytes, atLeast(1, streams, "maxStreamsPerConnection"),
                maxPendingRequests, idleTimeout, gracePeriod);
    }

    /** @throws IllegalArgumentException if {@code requests} is below 1 */
    public ServerOptions maxPendingRequests(int requests) {
        return new ServerOptions(maxRequestBodyBytes, maxStreamsPerConnection,
                atLeast(1, requests, "maxPendingRequests"), idleTimeout, gracePeriod);
    }

    /** @throws IllegalArgumentException if {@code timeout} is not positive */
    public ServerOptions idleTimeout(Duration timeout) {
        return new ServerOptions(maxRequestBodyBytes, maxStreamsPerConnection, maxPendingRequests,
                positive(timeout, "idleTimeout"), gracePeriod);
    }

    /** @throws IllegalArgumentException if {@code grace} is negative */
    public ServerOptions gracePeriod(Duration grace) {
        Objects.requireNonNull(grace, "grace is null; pass a Duration such as Duration.ofSeconds(5)");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("gracePeriod " + grace + " is negative; pass zero or more");
        }
        return new ServerOptions(maxRequestBodyBytes, maxStreamsPerConnection, maxPendingRequests, idleTimeout, grace);
    }

    /** The most bytes of a request body the server reads. */
    public int maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    /** The most requests one connection may have open at once. */
    public int maxStreamsPerConnection() {
        return maxStreamsPerConnection;
    }

    /** The most requests read and waiting for a task. */
    public int maxPendingRequests() {
        return maxPendingRequests;
    }

    /** How long a connection may stay silent. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long {@link Http3Server#close()} waits for requests in flight. */
    public Duration gracePeriod() {
        return gracePeriod;
    }

    static int atLeast(int min, int value, String option) {
        if (value < min) {
            throw new IllegalArgumentException(option + " " + value + " is below " + min + "; pass " + min + " or more");
        }
        return value;
    }

    static Duration positive(Duration value, String option) {
        Objects.requireNonNull(value, option + " is null; pass a positive Duration");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + " " + value + " is not positive; pass a positive Duration");
        }
        return value;
    }
}
