package io.zsync.http;

import io.zsync.Io;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP/1.1 client on an {@link Io}, with a pool of keep-alive connections per origin:
 *
 * <pre>{@code
 * try (HttpClient client = HttpClient.open(io);
 *         ClientResponse response = client.send(ClientRequest.get(URI.create("http://127.0.0.1:8080/plaintext")))) {
 *     String text = response.bodyString();
 * }
 * }</pre>
 *
 * <p>{@link #send} blocks (suspends, on {@code evented}) until the response's head has arrived and
 * is a cancellation point throughout: a canceled exchange closes its connection, which never goes
 * back to the pool, since the server's answer could still arrive on it. A connection goes back to
 * the pool only when its response was read to the end and the server keeps it alive (see
 * {@link ClientResponse#close()}); before reuse it is checked (see {@link ClientOptions}). The
 * limits are those of {@link ClientOptions}; redirects are followed only when asked for.
 *
 * <p>Thread-safe: any number of tasks may send at once, each with its own response.
 */
public final class HttpClient implements AutoCloseable {

    private static final int MAX_INTERIM_RESPONSES = 16;
    private static final int MAX_STATUS_LINE = 8 * 1024;
    private static final int MAX_HEADER_COUNT = 256;

    private final Io io;
    private final ClientOptions options;
    private final HeadReader heads;
    private final Map<String, OriginPool> pools = new ConcurrentHashMap<>();
    private final LongAdder opened = new LongAdder();
    private final LongAdder reused = new LongAdder();
    private volatile boolean closed;

    private HttpClient(Io io, ClientOptions options) {
        this.io = io;
        this.options = options;
        this.heads = HeadReader.ofResponses(MAX_STATUS_LINE, options.maxHeaderBytes(), MAX_HEADER_COUNT);
    }

    /** A client with {@link ClientOptions#defaults()}. */
    public static HttpClient open(Io io) {
        return open(io, ClientOptions.defaults());
    }

    /** A client with {@code options}. Close it to close its idle connections. */
    public static HttpClient open(Io io, ClientOptions options) {
        Objects.requireNonNull(io, "io is null; pass the Io the client runs on");
        Objects.requireNonNull(options, "options is null; pass ClientOptions.defaults()");
        return new HttpClient(io, options);
    }

    /**
     * Sends {@code request} and returns the response once its head has arrived; close the
     * response when done with it.
     *
     * @throws java.net.ConnectException if nobody accepts connections at the URI's host and port
     * @throws SocketTimeoutException if a timeout of {@link ClientOptions} passed
     * @throws HttpProtocolException if the server's response is not HTTP/1.1 (its status says how)
     * @throws IOException if the exchange failed otherwise
     * @throws IllegalStateException if the client is closed
     */
    public ClientResponse send(ClientRequest request) throws IOException {
        Objects.requireNonNull(request, "request is null; pass a ClientRequest such as ClientRequest.get(uri)");
        if (options.requestTimeout() == null) {
            return sendFollowing(request);
        }
        try {
            return io.withTimeout(options.requestTimeout(), () -> sendFollowing(request));
        } catch (TimeoutException e) {
            SocketTimeoutException timeout = new SocketTimeoutException(request + " got no response head within the"
                    + " request timeout of " + options.requestTimeout());
            timeout.initCause(e);
            throw timeout;
        }
    }

    /** Connections opened so far. */
    public long connectionsOpened() {
        return opened.sum();
    }

    /** Exchanges that went over a pooled connection rather than a new one. */
    public long connectionsReused() {
        return reused.sum();
    }

    /** Idle connections in the pools now. */
    public int idleConnections() {
        int n = 0;
        for (OriginPool pool : pools.values()) {
            n += pool.idleCount();
        }
        return n;
    }

    /** Closes the idle connections, and those in use as their responses close; sends no more. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (OriginPool pool : pools.values()) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "HttpClient[" + pools.size() + " origins, " + opened.sum() + " connections opened, " + reused.sum() + " reused]";
    }

    void counted(boolean wasReused) {
        (wasReused ? reused : opened).increment();
    }

    private ClientResponse sendFollowing(ClientRequest request) throws IOException {
        ClientRequest current = request;
        for (int redirects = 0; ; redirects++) {
            ClientResponse response = sendOnce(current);
            String location = response.header("Location");
            int status = response.status();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || location == null || redirects == options.maxRedirects()) {
                return response;
            }
            response.body().discard(Long.MAX_VALUE);
            response.close();
            boolean toGet = status == 303 || (status != 307 && status != 308 && current.method().equals("POST"));
            current = current.redirected(current.uri().resolve(location), toGet ? "GET" : current.method(), toGet);
        }
    }

    private ClientResponse sendOnce(ClientRequest request) throws IOException {
        if (closed) {
            throw new IllegalStateException("this HttpClient is closed; open a new one with HttpClient.open(io)");
        }
        OriginPool pool = pool(request.uri());
        PooledConnection connection = pool.acquire(false);
        try {
            return exchange(request, connection);
        } catch (StaleConnectionException e) {
            if (!request.retryable()) {
                throw e.getCause();
            }
            return exchange(request, pool.acquire(true));
        }
    }

    /** Writes the request and reads the response's head; on any exception the connection is closed. */
    private ClientResponse exchange(ClientRequest request, PooledConnection connection) throws IOException {
        boolean done = false;
        boolean headStarted = false;
        try {
            Reader in = connection.connection().reader();
            Writer out = connection.connection().writer();
            writeRequest(out, request);
            for (int interim = 0; ; interim++) {
                String statusLine = heads.startLine(in);
                if (statusLine == null) {
                    throw new EOFException("the server closed the connection before a response to " + request);
                }
                headStarted = true;
                ClientResponse response = readResponse(statusLine, in, request, connection);
                if (response != null) {
                    done = true;
                    return response;
                }
                if (interim == MAX_INTERIM_RESPONSES) {
                    throw new HttpProtocolException(502, "more than " + MAX_INTERIM_RESPONSES + " interim responses");
                }
            }
        } catch (IOException e) {
            if (connection.reused() && !headStarted && !(e instanceof HttpProtocolException)
                    && !(e instanceof SocketTimeoutException)) {
                throw new StaleConnectionException(e);
            }
            throw e;
        } finally {
            if (!done) {
                connection.release(false);
            }
        }
    }

    private void writeRequest(Writer out, ClientRequest request) throws IOException {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        HeadBytes head = new HeadBytes().append(request.method()).append(" ").append(target)
                .append(" HTTP/1.1").crlf().append("Host: ").append(uri.getHost());
        if (uri.getPort() >= 0) {
            head.append(":").append(uri.getPort());
        }
        head.crlf();
        List<String> fields = request.fieldList();
        for (int i = 0; i < fields.size(); i += 2) {
            head.field(fields.get(i), fields.get(i + 1));
        }
        byte[] bytes = request.bytes();
        BodyWriter stream = request.stream();
        long length = bytes != null ? bytes.length : stream != null ? request.streamLength() : -2;
        if (length == -1 || length > 0 || length == 0 && !request.method().equals("GET") && !request.method().equals("HEAD")) {
            head.framing(length);
        }
        head.crlf().writeTo(out);
        if (bytes != null) {
            out.write(bytes);
        } else if (stream != null) {
            Bodies.writeStreamed(out, stream, length, request);
        }
        out.flush();
    }

    /** The response whose status line is {@code statusLine}, or {@code null} for an interim (1xx) one, which it skips. */
    private ClientResponse readResponse(String statusLine, Reader in, ClientRequest request, PooledConnection connection)
            throws IOException {
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' '
                || statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new HttpProtocolException(502, "the status line '" + statusLine + "' is not HTTP/1.x NNN reason");
        }
        String version = statusLine.substring(0, 8);
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new HttpProtocolException(502, "the status line '" + statusLine + "' has no 3-digit status");
        }
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        Headers fields = heads.fields(in);
        if (status < 200) {
            return status == 101 ? failSwitch() : null;
        }
        boolean http11 = version.equals("HTTP/1.1");
        FramingFields framing = FramingFields.of(fields);
        boolean keepAlive = HttpSyntax.keepAlive(framing.connectionOptions, http11);
        Reader body;
        long contentLength;
        if (request.method().equals("HEAD") || status == 204 || status == 304) {
            body = Reader.fixed(new byte[0]);
            contentLength = 0;
        } else if (framing.codings > 0) {
            if (framing.codings > 1 || framing.lengths > 0 || !framing.coding.trim().equalsIgnoreCase("chunked")) {
                throw new HttpProtocolException(502, "the response's Transfer-Encoding is not chunked alone ("
                        + framing.codings + " fields, the last '" + framing.coding + "')"
                        + (framing.lengths == 0 ? "" : ", or comes with Content-Length"));
            }
            body = new ChunkedBodyReader(in, Long.MAX_VALUE, heads, 502);
            contentLength = -1;
        } else if (framing.lengths > 0) {
            contentLength = framing.lengths == 1 ? HttpSyntax.parseLength(framing.length.trim()) : -1;
            if (contentLength < 0) {
                throw new HttpProtocolException(502, "the response's Content-Length is not one decimal length ("
                        + framing.lengths + " fields, the last '" + framing.length + "')");
            }
            body = contentLength == 0 ? Reader.fixed(new byte[0]) : new LengthBodyReader(in, contentLength);
        } else {
            // Delimited by the end of the connection: it cannot be reused.
            body = in;
            contentLength = -1;
            keepAlive = false;
        }
        return new ClientResponse(status, reason, version, fields, body, contentLength, connection, keepAlive);
    }

    private static ClientResponse failSwitch() throws HttpProtocolException {
        throw new HttpProtocolException(502, "the server switched protocols (101), which this client never asks for");
    }

    private OriginPool pool(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String key = host + ":" + port;
        return pools.computeIfAbsent(key, k -> new OriginPool(io,
                InetSocketAddress.createUnresolved(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port),
                options, this));
    }

    /** A pooled connection failed before any byte of the response: the server had closed it. */
    private static final class StaleConnectionException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnectionException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
