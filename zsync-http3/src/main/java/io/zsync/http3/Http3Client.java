package io.zsync.http3;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.zsync.CancelProtection;
import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.diagnostics.Leaks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP/3 client for zsync tasks, in direct style: {@link #send} returns when the whole response
 * is read. It keeps one QUIC connection per origin (host and port), opened by the first request to
 * it and shared by every request after, each on a stream of its own, so that concurrent requests
 * from many tasks multiplex on one connection. A connection that closed (idle, or closed by its
 * server) is replaced by the next request.
 *
 * <pre>{@code
 * try (Http3Client client = Http3Client.open(io, ClientOptions.defaults().trust(serverCertificate))) {
 *     ClientResponse response = client.get(URI.create("https://127.0.0.1:8443/hello"));
 *     System.out.println(response.status() + " " + response.bodyString());
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Blocking.</b> {@code send} blocks the calling task (on {@code evented} it suspends it,
 *       so the event loop goes on) and is a cancellation point throughout: connecting, opening the
 *       stream, and waiting for the response.</li>
 *   <li><b>Cancellation.</b> A {@code send} whose task is canceled, or whose
 *       {@link ClientOptions#requestTimeout} or enclosing {@link Io#withTimeout} passes, resets its
 *       stream ({@code H3_REQUEST_CANCELLED}) and returns only once the stream is closed: nothing
 *       of the request stays open, and the connection serves the next request.</li>
 *   <li><b>Threads.</b> QUIC runs on one Netty event-loop thread of the client's own (the library's
 *       model: quiche is driven by that loop and its timers), never on the calling task's thread;
 *       the tasks wait for it through {@link Io#await(java.util.concurrent.CompletionStage)}.</li>
 *   <li><b>Thread safety.</b> Safe to use from any number of tasks and threads at once.</li>
 * </ul>
 */
public final class Http3Client implements AutoCloseable {

    private final Io io;
    private final ClientOptions options;
    private final QuicSslContext tls;
    private final EventLoopGroup loop;
    /** Held while a connection is looked up or opened, and while the client closes. */
    private final Mutex connecting;
    /** Guarded by {@link #connecting}. */
    private final Map<String, ClientConnection> connections = new HashMap<>();
    /** Guarded by {@link #connecting}. */
    private boolean closed;
    private final Leaks.Tracker leak;

    private Http3Client(Io io, ClientOptions options, QuicSslContext tls) {
        this.io = io;
        this.options = options;
        this.tls = tls;
        this.loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.connecting = io.mutex();
        this.leak = Leaks.track(io, this);
    }

    /** {@link #open(Io, ClientOptions)} with {@link ClientOptions#defaults()}. */
    public static Http3Client open(Io io) {
        return open(io, ClientOptions.defaults());
    }

    /**
     * A new client whose requests run on {@code io}'s tasks. Connects to nothing yet (the first
     * request to an origin does) and never blocks. Close it when done: it owns a Netty event-loop
     * thread and its connections.
     *
     * @throws IllegalStateException if QUIC's native library cannot be loaded on this platform
     *         (the message says why)
     */
    public static Http3Client open(Io io, ClientOptions options) {
        Objects.requireNonNull(io, "io is null; pass the Io whose tasks send the requests");
        Objects.requireNonNull(options, "options is null; pass ClientOptions.defaults()");
        NativeQuic.check();
        QuicSslContextBuilder tls = QuicSslContextBuilder.forClient()
                .applicationProtocols(Http3.supportedApplicationProtocols());
        if (!options.trust().isEmpty()) {
            tls.trustManager(options.trust().toArray(X509Certificate[]::new));
        }
        return new Http3Client(io, options, tls.build());
    }

    /** {@code send(ClientRequest.get(uri))}. */
    public ClientResponse get(URI uri) throws IOException, TimeoutException {
        return send(ClientRequest.get(uri));
    }

    /**
     * Sends {@code request} and reads its whole response, within
     * {@link ClientOptions#requestTimeout} (connecting included). A cancellation point; see the
     * class doc for what cancellation and timeouts leave.
     *
     * @return the response, whatever its status
     * @throws IOException if connecting fails (a handshake past
     *         {@link ClientOptions#connectTimeout} is a {@link SocketTimeoutException}), the host
     *         does not resolve, the server resets the stream or closes the connection, or the body
     *         is over {@link ClientOptions#maxResponseBodyBytes}
     * @throws TimeoutException if the request timeout passed; the stream was reset
     * @throws io.zsync.CanceledException if the calling task was canceled; the stream was reset
     * @throws IllegalStateException if the client is closed
     */
    public ClientResponse send(ClientRequest request) throws IOException, TimeoutException {
        Objects.requireNonNull(request, "request is null; pass ClientRequest.get(uri) or another");
        return io.withTimeout(options.requestTimeout(), () -> exchange(request));
    }

    private ClientResponse exchange(ClientRequest request) throws IOException {
        ResponseReader reader = new ResponseReader(options.maxResponseBodyBytes());
        QuicStreamChannel stream = connection(request.uri()).send(io, request, reader);
        boolean readWhole = false;
        try {
            ClientResponse response = io.await(reader.response);
            readWhole = true;
            return response;
        } catch (ExecutionException failed) {
            throw NettyAwait.failure(request.toString(), failed.getCause());
        } finally {
            // Read whole (the reader closes it), failed or abandoned (reset): gone before send returns.
            if (readWhole) {
                stream.close();
            } else {
                NettyAwait.reset(stream);
            }
            NettyAwait.awaitClosed(io, stream);
        }
    }

    /** The open connection to {@code uri}'s origin, opened now if there is none. A cancellation point. */
    private ClientConnection connection(URI uri) throws IOException {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        String origin = host + " " + port;
        connecting.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the HTTP/3 client is closed; open a new one to send " + uri);
            }
            ClientConnection open = connections.get(origin);
            if (open != null && open.isOpen()) {
                return open;
            }
            if (open != null) {
                connections.remove(origin);
                open.close(io);
            }
            List<InetAddress> addresses = io.net().resolve(host);
            InetSocketAddress remote = new InetSocketAddress(addresses.getFirst(), port);
            try {
                open = io.withTimeout(options.connectTimeout(), () -> ClientConnection.open(io, loop, tls, options, host, remote));
            } catch (TimeoutException late) {
                SocketTimeoutException timeout = new SocketTimeoutException("the QUIC handshake with " + remote
                        + " did not finish within " + options.connectTimeout() + " (is an HTTP/3 server listening on UDP "
                        + port + "?)");
                timeout.initCause(late);
                throw timeout;
            }
            connections.put(origin, open);
            return open;
        } finally {
            connecting.unlock();
        }
    }

    /**
     * Closes every connection (requests still in flight on them fail with an {@link IOException})
     * and stops the event-loop thread, waiting for both: uncancelable, and bounded by a few seconds.
     * Idempotent.
     */
    @Override
    public void close() {
        try (CancelProtection protect = io.protectCancel()) {
            connecting.lockUncancelable();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                for (ClientConnection connection : connections.values()) {
                    connection.close(io);
                }
                connections.clear();
            } finally {
                connecting.unlock();
            }
            NettyAwait.awaitQuietly(io, loop.shutdownGracefully(0, 1, TimeUnit.SECONDS), "stopping the client's event loop");
            leak.close();
        }
    }
}
