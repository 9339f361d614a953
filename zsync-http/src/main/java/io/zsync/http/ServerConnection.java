package io.zsync.http;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection of an {@link HttpServer}: reads requests one after another, hands each to the
 * handler, writes the responses in order. Responses to pipelined requests are flushed together,
 * when no further request is buffered.
 *
 * <p>Between requests the connection is idle: {@link #closeIfIdle()} (the server shutting down)
 * ends it only then, never while a request is being read or answered. The state moves
 * BUSY → IDLE → BUSY... on the connection's task and IDLE → CLOSING on the server's; whoever
 * loses the race on IDLE sees the other's move.
 */
final class ServerConnection {

    private static final int BUSY = 0;
    private static final int IDLE = 1;
    private static final int CLOSING = 2;
    private static final System.Logger LOG = System.getLogger(HttpServer.class.getName());
    /** How long the last flush may wait for a client that stopped reading. */
    private static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(1);
    /** How long, and how much, a connection the server ends reads of what the client still sends. */
    private static final Duration LINGER_TIME = Duration.ofSeconds(1);
    private static final long LINGER_MAX_BYTES = 256 * 1024;

    private final HttpServer server;
    private final Io io;
    private final Connection connection;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private final HeadBytes head = new HeadBytes();
    private volatile Future<Void, RuntimeException> task;

    ServerConnection(HttpServer server, Io io, Connection connection) {
        this.server = server;
        this.io = io;
        this.connection = connection;
    }

    void task(Future<Void, RuntimeException> task) {
        this.task = task;
    }

    /**
     * Ends the connection if it is waiting for a request, and waits for it to end; otherwise it
     * ends after its response. On the server's task, which set the connection's task before.
     */
    void closeIfIdle() {
        if (state.compareAndSet(IDLE, CLOSING)) {
            try {
                task.cancel();
            } catch (CanceledException expected) {
                // The connection stopped where it waited: what closing an idle one means.
            }
        }
    }

    /** Serves requests until the client closes, a request says close, an error, or the server stops. */
    void serve() {
        try {
            InetSocketAddress remote = (InetSocketAddress) connection.remoteAddress();
            Reader in = connection.reader();
            Writer out = connection.writer();
            while (awaitRequest(in, out)) {
                if (!serveOne(in, out, remote)) {
                    lingerClose(in, out);
                    return;
                }
            }
            state.set(CLOSING);
            connection.close(CLOSE_FLUSH_TIMEOUT);
        } catch (CanceledException e) {
            throw e;
        } catch (IOException e) {
            // A client going away mid-exchange is normal traffic, not a server failure.
            LOG.log(System.Logger.Level.DEBUG, () -> "connection " + connection + " ended: " + e);
        } finally {
            Quietly.run(LOG, "closing", connection, connection::abort);
            server.connectionEnded(this);
        }
    }

    /** Waits, idle, for the next request's first byte; {@code false} if the connection should end instead. */
    private boolean awaitRequest(Reader in, Writer out) throws IOException {
        if (in.buffered() > 0) {
            return true;
        }
        out.flush();
        state.set(IDLE);
        if (server.isStopping() && state.compareAndSet(IDLE, CLOSING)) {
            return false;
        }
        connection.setReadTimeout(server.options().idleTimeout());
        try {
            in.fill(1);
        } catch (EOFException | SocketTimeoutException e) {
            return false;
        }
        return state.compareAndSet(IDLE, BUSY);
    }

    /** Reads, answers and finishes one request; {@code false} if the connection should end after it. */
    private boolean serveOne(Reader in, Writer out, InetSocketAddress remote) throws IOException {
        RequestParser.ParsedRequest parsed;
        try {
            parsed = headBuffered(in) ? server.parser().read(in, out, remote)
                    : io.withTimeout(server.options().headerTimeout(), () -> server.parser().read(in, out, remote));
        } catch (HttpProtocolException e) {
            refuse(out, e.status(), e.getMessage());
            return false;
        } catch (TimeoutException e) {
            refuse(out, 408, "the request head did not arrive within " + server.options().headerTimeout());
            return false;
        }
        if (parsed == null) {
            return false;
        }
        Request request = parsed.request();
        connection.setReadTimeout(server.options().readTimeout());
        boolean failed = false;
        Response response;
        try {
            response = server.handler().handle(request);
            if (response == null) {
                throw new NullPointerException("the handler returned null for " + request + "; return a Response");
            }
        } catch (CanceledException e) {
            throw e;
        } catch (HttpProtocolException e) {
            failed = true;
            response = errorResponse(e.status(), e.getMessage());
        } catch (Exception e) {
            failed = true;
            LOG.log(System.Logger.Level.WARNING, () -> "the handler failed on " + request, e);
            response = Response.text(500, "500 Internal Server Error\n");
        }
        boolean keepAlive;
        try {
            keepAlive = parsed.keepAlive() && !failed && finishBody(parsed.body()) && !server.isStopping();
        } catch (RuntimeException | Error e) {
            // Canceled while the rest of the body was read: the response is never sent, its file must not stay open.
            response.discard();
            throw e;
        }
        ResponseWriter.write(out, head, response, request.method(), request.version(), !keepAlive, io.now());
        server.requestServed();
        return keepAlive;
    }

    /**
     * Ends a connection the server chose to end while the client may still be sending (a refused
     * request, an unread body, shutdown): sends the last response and a FIN, then reads and drops
     * what the client still sends, for a while, before closing. Closing with unread bytes would
     * reset the connection, and a reset can make the client lose the response it was sent.
     */
    private void lingerClose(Reader in, Writer out) throws IOException {
        state.set(CLOSING);
        io.withTimeoutOrEmpty(LINGER_TIME, () -> {
            out.flush();
            connection.shutdownOutput();
            return in.discard(LINGER_MAX_BYTES);
        });
        connection.close(CLOSE_FLUSH_TIMEOUT);
    }

    /** Reads what the handler left of the body, so the next request is at the front; {@code false} if it cannot be. */
    private static boolean finishBody(Reader body) {
        if (body == null) {
            return true;
        }
        Reader rest = body;
        if (body instanceof ContinueReader expecting) {
            if (!expecting.continued()) {
                return false;
            }
            rest = expecting.body();
        }
        try {
            rest.discard(Long.MAX_VALUE);
            return !(rest instanceof ChunkedBodyReader chunked) || chunked.isComplete();
        } catch (IOException e) {
            return false;
        }
    }

    /** Answers a request that could not be read with {@code status}, and says the connection closes. */
    private void refuse(Writer out, int status, String why) throws IOException {
        ResponseWriter.write(out, head, errorResponse(status, why), "GET", "HTTP/1.1", true, io.now());
    }

    /** The answer to a request refused with {@code status}: the status, its reason and why, as text. */
    private static Response errorResponse(int status, String why) {
        return Response.text(status, status + " " + HttpSyntax.reason(status) + ": " + why + "\n");
    }

    /** Whether the buffered bytes hold a whole head, so reading it cannot wait on the client. */
    private static boolean headBuffered(Reader in) throws IOException {
        ByteBuffer buffered = in.peek(in.buffered());
        int n = buffered.limit();
        for (int i = 3; i < n; i++) {
            if (buffered.get(i) == '\n' && buffered.get(i - 1) == '\r' && buffered.get(i - 2) == '\n' && buffered.get(i - 3) == '\r') {
                return true;
            }
        }
        return false;
    }
}
