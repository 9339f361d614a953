package io.zsync.http3;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.zsync.CancelProtection;
import io.zsync.CanceledException;
import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.QueueClosedException;
import io.zsync.diagnostics.Leaks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP/3 server whose every request runs its {@link Handler} in a zsync task of its own, on the
 * {@link Io} it was started with: a handler in direct style, on any backend with concurrency
 * ({@code virtual}, {@code threaded}, {@code evented}).
 *
 * <pre>{@code
 * try (Http3Server server = Http3Server.start(io, new InetSocketAddress(8443), identity,
 *         request -> Response.text("hello " + request.path()))) {
 *     ...
 * }   // graceful: requests in flight finish within the grace period, then are canceled
 * }</pre>
 *
 * <ul>
 *   <li><b>Threads.</b> QUIC and HTTP/3 framing run on one Netty event-loop thread of the
 *       server's own (the library's model); a request is read whole there, then handed to a
 *       dispatcher task on {@code io}, which starts the handler's task. The response is written
 *       back through the event loop while the handler's task waits for it.</li>
 *   <li><b>Cancellation.</b> A handler's task is canceled when its stream closes before it
 *       answers (the connection went, or closed at its idle timeout), and by {@link #close()} past
 *       its grace period; then no response is sent.</li>
 *   <li><b>A client that resets its stream</b> after sending its whole request is seen only when
 *       the response is written: the Netty version this module uses (4.2.18) shows a peer's
 *       STOP_SENDING to no reader, only to a write, which then makes no progress; so the handler
 *       runs to its end, and a response write that makes no progress within
 *       {@link ServerOptions#idleTimeout} resets the stream.</li>
 *   <li><b>Limits</b> are {@link ServerOptions}': a body over the limit is answered {@code 413}, a
 *       full queue {@code 503}, both without a task, and so is a request the backend has no
 *       concurrency left for ({@code threaded} with every thread busy).</li>
 *   <li><b>Thread safety.</b> {@link #close()} and the accessors are safe from any task or thread.</li>
 * </ul>
 */
public final class Http3Server implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.zsync.http3");

    private final Io io;
    private final ServerOptions options;
    private final Handler handler;
    private final EventLoopGroup loop;
    private final ChannelGroup connections;
    private final Queue<Exchange> exchanges;
    private final Leaks.Tracker leak;
    private Channel udp;
    private Future<Void, RuntimeException> dispatcher;

    private Http3Server(Io io, ServerOptions options, Handler handler) {
        this.io = io;
        this.options = options;
        this.handler = handler;
        this.loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.connections = new DefaultChannelGroup("http3-connections", loop.next());
        this.exchanges = io.queue(options.maxPendingRequests());
        this.leak = Leaks.track(io, this);
    }

    /** {@link #start(Io, InetSocketAddress, KeyStore.PrivateKeyEntry, ServerOptions, Handler)} with {@link ServerOptions#defaults()}. */
    public static Http3Server start(Io io, InetSocketAddress address, KeyStore.PrivateKeyEntry identity, Handler handler)
            throws IOException {
        return start(io, address, identity, ServerOptions.defaults(), handler);
    }

    /**
     * Binds a UDP socket to {@code address} and serves HTTP/3 on it (ALPN {@code h3}) as
     * {@code identity}: its private key and certificate chain (the server's certificate first), as
     * {@code KeyStore.getEntry(alias, protection)} gives them. Returns once the socket is bound;
     * a cancellation point while it binds. Close the server when done.
     *
     * @throws IOException if the socket cannot be bound
     * @throws IllegalArgumentException if the chain holds a certificate that is not X.509
     * @throws io.zsync.ConcurrencyUnavailableException if {@code io} cannot run the dispatcher task
     *         beside its caller ({@code blocking}): use a backend with concurrency
     * @throws IllegalStateException if QUIC's native library cannot be loaded on this platform
     */
    public static Http3Server start(Io io, InetSocketAddress address, KeyStore.PrivateKeyEntry identity,
            ServerOptions options, Handler handler) throws IOException {
        Objects.requireNonNull(io, "io is null; pass the Io whose tasks run the handler");
        Objects.requireNonNull(address, "address is null; pass the address to bind, such as new InetSocketAddress(8443)");
        Objects.requireNonNull(identity, "identity is null; pass the server's key and certificate chain from a KeyStore");
        Objects.requireNonNull(options, "options is null; pass ServerOptions.defaults()");
        Objects.requireNonNull(handler, "handler is null; pass the Handler that answers the requests");
        NativeQuic.check();
        QuicSslContext tls = QuicSslContextBuilder.forServer(identity.getPrivateKey(), null, chain(identity))
                .applicationProtocols(Http3.supportedApplicationProtocols())
                .build();
        Http3Server server = new Http3Server(io, options, handler);
        try {
            server.bind(tls, address);
            server.dispatcher = io.concurrent(server::dispatch);
        } catch (IOException | RuntimeException failed) {
            server.close();
            throw failed;
        }
        return server;
    }

    private static X509Certificate[] chain(KeyStore.PrivateKeyEntry identity) {
        Certificate[] chain = identity.getCertificateChain();
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate certificate)) {
                throw new IllegalArgumentException("certificate " + i + " of the chain is " + chain[i].getType()
                        + ", not X.509: TLS for QUIC takes X.509 certificates only");
            }
            x509[i] = certificate;
        }
        return x509;
    }

    private void bind(QuicSslContext tls, InetSocketAddress address) throws IOException {
        ChannelHandler codec = Http3.newQuicServerCodecBuilder()
                .sslContext(tls)
                .maxIdleTimeout(options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(ClientConnection.CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(ClientConnection.STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(ClientConnection.STREAM_WINDOW)
                .initialMaxStreamsBidirectional(options.maxStreamsPerConnection())
                // Netty's one public token handler: address validation by a Retry whose token is not
                // authenticated (a round trip more per connection; docs/http3.md says what it lacks).
                .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel connection) {
                        connections.add(connection);
                        connection.pipeline().addLast(new Http3ServerConnectionHandler(
                                new ChannelInitializer<QuicStreamChannel>() {
                                    @Override
                                    protected void initChannel(QuicStreamChannel stream) {
                                        stream.pipeline().addLast(new RequestReader(io, exchanges, options.maxRequestBodyBytes()));
                                    }
                                }));
                    }
                })
                .build();
        ChannelFuture bound = new Bootstrap().group(loop).channel(NioDatagramChannel.class).handler(codec).bind(address);
        NettyAwait.await(io, bound, "binding UDP " + address, ignored -> bound.channel().close());
        udp = bound.channel();
    }

    /** The address the server is bound to, its port resolved. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) udp.localAddress();
    }

    /** The UDP port the server is bound to. */
    public int port() {
        return localAddress().getPort();
    }

    /**
     * The dispatcher task: takes each request read whole and starts its task, until the queue
     * closes; then lets the tasks finish within the grace period, and cancels the rest. A request
     * the backend has no concurrency left for is answered {@code 503} rather than run inline, which
     * would hold up every request behind it.
     */
    private void dispatch() {
        try (Group<RuntimeException> requests = io.supervisorGroup(
                failure -> LOG.log(System.Logger.Level.WARNING, "an HTTP/3 request's task failed", failure))) {
            while (true) {
                Exchange exchange;
                try {
                    exchange = exchanges.get();
                } catch (QueueClosedException closing) {
                    break;
                }
                try {
                    requests.concurrent(() -> serve(exchange));
                } catch (ConcurrencyUnavailableException busy) {
                    exchange.refuse(Response.text(503, "server busy\n"));
                }
            }
            requests.await(options.gracePeriod());
        }                                                  // cancels the requests still running, and waits
    }

    /** One request's task: the handler's response, written within the idle timeout. */
    private void serve(Exchange exchange) {
        Response response = answer(exchange);
        if (response == null) {
            return;
        }
        try {
            io.withTimeout(options.idleTimeout(), () -> exchange.respond(io, response));
        } catch (IOException | TimeoutException gone) {
            // The client reset the stream, or stopped reading it: its loss, nobody else's.
            exchange.reset();
        }
    }

    /**
     * Runs the handler in a task of its own while this one watches the stream, so that the handler
     * is canceled if the stream closes first (the connection went).
     *
     * @return the handler's response, {@code 500} if it failed, {@code null} if the stream closed first
     */
    private Response answer(Exchange exchange) {
        try (Future<Response, Exception> handling = io.async(() -> handler.handle(exchange.request()))) {
            // Inline on a backend with no thread free: then it has ended here, and nothing is watched.
            exchange.awaitEither(io, handling.toCompletableFuture());
            if (!handling.isDone()) {
                return null;                               // the stream closed first: closing the future cancels the handler
            }
            Response response = handling.await();
            if (response == null) {
                throw new NullPointerException("the handler returned null; return a Response, such as Response.of(204)");
            }
            return response;
        } catch (CanceledException canceled) {
            exchange.reset();
            throw canceled;
        } catch (Exception failed) {
            LOG.log(System.Logger.Level.WARNING, "the handler of " + exchange.request() + " failed; answering 500", failed);
            return Response.text(500, "internal server error\n");
        }
    }

    /**
     * Closes the server gracefully: takes no new request (those that arrive get {@code 503}), lets
     * the requests in flight finish within {@link ServerOptions#gracePeriod}, cancels those left,
     * then closes every connection and the socket and stops the event loop, waiting for all of it.
     * Uncancelable; idempotent.
     */
    @Override
    public void close() {
        try (CancelProtection protect = io.protectCancel()) {
            exchanges.close();
            if (dispatcher != null) {
                dispatcher.await();
            }
            NettyAwait.awaitQuietly(io, connections.close(), "closing the server's QUIC connections");
            if (udp != null) {
                udp.close();
                NettyAwait.awaitClosed(io, udp);
            }
            NettyAwait.awaitQuietly(io, loop.shutdownGracefully(0, 1, TimeUnit.SECONDS), "stopping the server's event loop");
            leak.close();
        }
    }
}
