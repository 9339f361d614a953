package io.zsync.http3;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Trust, timeouts and limits of an {@link Http3Client}; immutable, each setter returns a copy.
 *
 * <table class="striped">
 *   <caption>Options and defaults</caption>
 *   <thead><tr><th>option</th><th>default</th><th>what it does</th></tr></thead>
 *   <tbody>
 *     <tr><td>{@link #trust}</td><td>the JDK's default trust store</td><td>the certificates a
 *         server's chain must end in; the server's name (host or IP literal of the URI) is
 *         always checked against its certificate</td></tr>
 *     <tr><td>{@link #connectTimeout}</td><td>10 s</td><td>the QUIC and TLS handshake, through
 *         {@link io.zsync.Io#withTimeout}</td></tr>
 *     <tr><td>{@link #requestTimeout}</td><td>30 s</td><td>a whole {@link Http3Client#send},
 *         connecting included, through {@link io.zsync.Io#withTimeout}</td></tr>
 *     <tr><td>{@link #idleTimeout}</td><td>30 s</td><td>a connection with no packet for that
 *         long is closed, and the next request makes a new one (QUIC's
 *         {@code max_idle_timeout}, kept by the library's timer)</td></tr>
 *     <tr><td>{@link #maxResponseBodyBytes}</td><td>16 MiB</td><td>a response body held in
 *         memory; over it {@code send} fails and the stream is reset</td></tr>
 *   </tbody>
 * </table>
 */
public final class ClientOptions {

    private final List<X509Certificate> trust;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final int maxResponseBodyBytes;

    private ClientOptions(List<X509Certificate> trust, Duration connectTimeout, Duration requestTimeout,
            Duration idleTimeout, int maxResponseBodyBytes) {
        this.trust = trust;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.idleTimeout = idleTimeout;
        this.maxResponseBodyBytes = maxResponseBodyBytes;
    }

    /** Every option at its default (see the table). */
    public static ClientOptions defaults() {
        return new ClientOptions(List.of(), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 16 << 20);
    }

    /**
     * Trusts exactly {@code certificates} (a private CA, or a server's self-signed certificate)
     * instead of the JDK's default trust store.
     *
     * @throws IllegalArgumentException if none is given
     */
    public ClientOptions trust(X509Certificate... certificates) {
        Objects.requireNonNull(certificates, "certificates is null; pass the certificates to trust");
        if (certificates.length == 0) {
            throw new IllegalArgumentException("no certificate to trust; pass at least one, or keep the default trust store");
        }
        return new ClientOptions(List.of(certificates), connectTimeout, requestTimeout, idleTimeout, maxResponseBodyBytes);
    }

    /** @throws IllegalArgumentException if {@code timeout} is not positive */
    public ClientOptions connectTimeout(Duration timeout) {
        return new ClientOptions(trust, ServerOptions.positive(timeout, "connectTimeout"), requestTimeout,
                idleTimeout, maxResponseBodyBytes);
    }

    /** @throws IllegalArgumentException if {@code timeout} is not positive */
    public ClientOptions requestTimeout(Duration timeout) {
        return new ClientOptions(trust, connectTimeout, ServerOptions.positive(timeout, "requestTimeout"),
                idleTimeout, maxResponseBodyBytes);
    }

    /** @throws IllegalArgumentException if {@code timeout} is not positive */
    public ClientOptions idleTimeout(Duration timeout) {
        return new ClientOptions(trust, connectTimeout, requestTimeout, ServerOptions.positive(timeout, "idleTimeout"),
                maxResponseBodyBytes);
    }

    /** @throws IllegalArgumentException if {@code bytes} is negative */
    public ClientOptions maxResponseBodyBytes(int bytes) {
        return new ClientOptions(trust, connectTimeout, requestTimeout, idleTimeout,
                ServerOptions.atLeast(0, bytes, "maxResponseBodyBytes"));
    }

    /** The certificates trusted instead of the default trust store; empty for the default. */
    public List<X509Certificate> trust() {
        return trust;
    }

    /** How long a handshake may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a whole request may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long a connection may stay silent. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The most bytes of a response body the client reads. */
    public int maxResponseBodyBytes() {
        return maxResponseBodyBytes;
    }
}
