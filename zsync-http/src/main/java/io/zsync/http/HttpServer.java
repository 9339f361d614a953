package io.zsync.http;

import io.zsync.CanceledException;
import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP/1.1 server on an {@link Io}: each connection is served by a task of its own, which
 * reads requests one after another (keep-alive, pipelining), calls the {@link Handler} for each in
 * that task, and writes the responses in order.
 *
 * <pre>{@code
 * try (Io io = Io.open("evented");
 *         HttpServer server = HttpServer.start(io, new InetSocketAddress(8080),
 *                 Router.create().get("/plaintext", request -> Response.text("Hello, World!")))) {
 *     server.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>What it does for the handler: chunked request bodies decoded and responses chunked when
 * their length is not known, {@code Expect: 100-continue}, {@code HEAD}, the limits and timeouts
 * of {@link ServerOptions} (answered 400, 408, 413, 414, 431, 505), a connection cap (503), and a
 * strict parser that refuses what request smuggling needs (see {@link HttpProtocolException}).
 *
 * <p>{@link #close()} shuts down gracefully: it stops accepting, closes idle connections, lets
 * requests in flight finish within {@link ServerOptions#shutdownGrace()}, then cancels the rest.
 * Thread-safe. Needs a backend with concurrency (not {@code blocking}).
 */
public final class HttpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HttpServer.class.getName());
    /** How long a refused connection's 503 may take to leave. */
    private static final Duration REFUSAL_FLUSH_TIMEOUT = Duration.ofMillis(200);
    private static final int BACKLOG = 1024;

    private final Io io;
    private final Listener listener;
    private final Handler handler;
    private final ServerOptions options;
    private final RequestParser parser;
    private final InetSocketAddress localAddress;
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder served = new LongAdder();
    private volatile boolean stopping;
    private volatile Duration grace;
    private Future<Void, RuntimeException> acceptLoop;

    private HttpServer(Io io, Listener listener, Handler handler, ServerOptions options) throws IOException {
        this.io = io;
        this.listener = listener;
        this.handler = handler;
        this.options = options;
        this.parser = new RequestParser(options);
        this.localAddress = (InetSocketAddress) listener.localAddress();
        this.grace = options.shutdownGrace();
    }

    /** {@link #start(Io, InetSocketAddress, Handler, ServerOptions)} with {@link ServerOptions#defaults()}. */
    public static HttpServer start(Io io, InetSocketAddress address, Handler handler) throws IOException {
        return start(io, address, handler, ServerOptions.defaults());
    }

    /**
     * Binds {@code address} (port 0 for any free port) and starts serving: returns once the server
     * accepts connections. Close it to stop.
     *
     * @throws IOException if the address cannot be bound (its message says what to do)
     * @throws io.zsync.ConcurrencyUnavailableException if {@code io} has no concurrency
     */
    public static HttpServer start(Io io, InetSocketAddress address, Handler handler, ServerOptions options)
            throws IOException {
        Objects.requireNonNull(io, "io is null; pass the Io the server runs on, such as Io.open(\"virtual\")");
        Objects.requireNonNull(address, "address is null; pass where to listen, such as new InetSocketAddress(8080)");
        Objects.requireNonNull(handler, "handler is null; pass what answers requests, such as a Router");
        Objects.requireNonNull(options, "options is null; pass ServerOptions.defaults()");
        Listener listener = io.net().listen(address, BACKLOG);
        try {
            HttpServer server = new HttpServer(io, listener, handler, options);
            server.acceptLoop = io.concurrent(server::acceptConnections);
            return server;
        } catch (RuntimeException | IOException e) {
            listener.close();
            throw e;
        }
    }

    /** The address the server listens on (with the port chosen, when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The port the server listens on. */
    public int port() {
        return localAddress.getPort();
    }

    /** Connections accepted and served so far (not those refused over the cap). */
    public long connectionsAccepted() {
        return accepted.sum();
    }

    /**
     * Connections refused with 503: {@link ServerOptions#maxConnections()} were open, or the
     * backend could start no task for them (all threads of {@code threaded} busy).
     */
    public long connectionsRefused() {
        return refused.sum();
    }

    /** Requests answered so far, including error responses to requests that were read. */
    public long requestsServed() {
        return served.sum();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /**
     * Waits until the server has stopped (another task or thread closed it). A cancellation point.
     */
    public void awaitShutdown() {
        acceptLoop.await();
    }

    /** {@link #shutdown(Duration)} with {@link ServerOptions#shutdownGrace()}. */
    @Override
    public void close() {
        shutdown(options.shutdownGrace());
    }

    /**
     * Stops the server: stops accepting and closes the listener, closes idle connections, lets
     * requests in flight finish within {@code grace} (their connections close after the
     * response), then cancels those still running, and returns once every connection is closed.
     * Idempotent; a second call waits for the first.
     */
    public void shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace is null; pass how long requests in flight may take, or Duration.ZERO");
        this.grace = grace;
        stopping = true;
        Quietly.run(LOG, "closing", "the listener", listener::close);
        acceptLoop.await();
    }

    @Override
    public String toString() {
        return "HttpServer[" + localAddress + ", " + open.get() + " connections open, " + served.sum() + " requests served]";
    }

    // ---- the connections' side --------------------------------------------------------------

    boolean isStopping() {
        return stopping;
    }

    ServerOptions options() {
        return options;
    }

    RequestParser parser() {
        return parser;
    }

    Handler handler() {
        return handler;
    }

    void requestServed() {
        served.increment();
    }

    void connectionEnded(ServerConnection connection) {
        connections.remove(connection);
        open.decrementAndGet();
    }

    private void acceptConnections() {
        try (Group<RuntimeException> members = io.supervisorGroup(failure ->
                LOG.log(System.Logger.Level.WARNING, "an HTTP connection failed", failure))) {
            while (!stopping) {
                Connection connection;
                try {
                    connection = listener.accept();
                } catch (IOException e) {
                    if (!stopping) {
                        LOG.log(System.Logger.Level.WARNING, "accept failed; the server stops", e);
                    }
                    break;
                }
                if (open.incrementAndGet() > options.maxConnections()) {
                    open.decrementAndGet();
                    refuse(connection);
                    continue;
                }
                ServerConnection served = new ServerConnection(this, io, connection);
                connections.add(served);
                try {
                    served.task(members.concurrent(served::serve));
                } catch (ConcurrencyUnavailableException e) {
                    // A backend of bounded threads (threaded) with every one busy: over capacity as well.
                    connectionEnded(served);
                    refuse(connection);
                    continue;
                }
                accepted.increment();
            }
            stopping = true;
            for (ServerConnection connection : connections) {
                connection.closeIfIdle();
            }
            if (!members.await(grace)) {
                LOG.log(System.Logger.Level.INFO, () -> open.get() + " connections still busy after the grace of "
                        + grace + "; canceling them");
            }
        } catch (CanceledException e) {
            stopping = true;
            throw e;
        } finally {
            Quietly.run(LOG, "closing", "the listener", listener::close);
        }
    }

    /** Answers a connection over the cap with 503 and closes it, without waiting on the client. */
    private void refuse(Connection connection) {
        refused.increment();
        Quietly.run(LOG, "refusing", connection, () -> {
            ResponseWriter.write(connection.writer(), new HeadBytes(), Response.of(503).header("Retry-After", "1"),
                    "GET", "HTTP/1.1", true, io.now());
            connection.close(REFUSAL_FLUSH_TIMEOUT);
        });
        Quietly.run(LOG, "closing", connection, connection::abort);
    }
}
