package io.zsync.http;

import io.zsync.io.Reader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A response an {@link HttpClient} received: status, header fields, and the body, streamed from
 * the connection. Close it when done: a response whose body was read to its end gives its
 * connection back to the pool; one closed before that (or whose reading failed or was canceled)
 * closes its connection, since what is left of the body is still on it.
 *
 * <p>Not thread-safe: one task reads it.
 */
public final class ClientResponse implements AutoCloseable {

    private final int status;
    private final String reason;
    private final String version;
    private final Headers headers;
    private final Reader body;
    private final long contentLength;
    private final PooledConnection connection;
    private final boolean reusable;
    private boolean closed;

    ClientResponse(int status, String reason, String version, Headers headers, Reader body, long contentLength,
            PooledConnection connection, boolean reusable) {
        this.status = status;
        this.reason = reason;
        this.version = version;
        this.headers = headers;
        this.body = body;
        this.contentLength = contentLength;
        this.connection = connection;
        this.reusable = reusable;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase, as sent (possibly empty). */
    public String reason() {
        return reason;
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public String version() {
        return version;
    }

    /** The header fields, in the order they came. */
    public Headers headers() {
        return headers;
    }

    /** The value of the first header field named {@code name}, in any case, or {@code null}. */
    public String header(String name) {
        return headers.first(name);
    }

    /** The body, decoded from chunks when it came chunked; end of stream at its end. */
    public Reader body() {
        return body;
    }

    /** Reads the whole body, then closes this response (giving the connection back to the pool). */
    public byte[] bodyBytes() throws IOException {
        try {
            return Bodies.readAll(body, contentLength);
        } finally {
            close();
        }
    }

    /** Reads the whole body as UTF-8 text, then closes this response. */
    public String bodyString() throws IOException {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Ends the response: gives the connection back to the pool if the body was read to its end
     * and the server keeps the connection open, closes it otherwise. Idempotent; never blocks for
     * long (a close of a connection, at worst).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean complete = body instanceof LengthBodyReader fixed ? fixed.isComplete()
                : body instanceof ChunkedBodyReader chunked ? chunked.isComplete()
                : contentLength == 0;
        connection.release(reusable && complete);
    }

    @Override
    public String toString() {
        return "ClientResponse[" + version + " " + status + " " + reason + ", " + headers + "]";
    }
}
