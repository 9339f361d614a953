package io.zsync.http3;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Handler} answers: a status, header fields and a body held whole in memory.
 * Immutable: {@link #header} and {@link #body} return a new response. Named and made as
 * zsync-http's response is ({@code Response.text("hi")}, {@code Response.of(201).body(bytes)}).
 * The server adds {@code content-length}; safe to share between tasks and threads.
 */
public final class Response {

    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private Response(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * A response with {@code status} and no body.
     *
     * @throws IllegalArgumentException if {@code status} is not 200 to 599 (HTTP/3 sends 1xx
     *         responses itself where they are needed, and {@code 101} not at all)
     */
    public static Response of(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not a final status; pass 200 to 599");
        }
        return new Response(status, Map.of(), EMPTY);
    }

    /** {@code 200}, {@code text/plain; charset=utf-8}, with {@code text} as the body. */
    public static Response text(String text) {
        return text(200, text);
    }

    /** {@code status}, {@code text/plain; charset=utf-8}, with {@code text} as the body. */
    public static Response text(int status, String text) {
        return of(status).header("content-type", "text/plain; charset=utf-8").body(text);
    }

    /**
     * This response with one more value for header {@code name} (lower-cased, as HTTP/3 sends it).
     *
     * @throws IllegalArgumentException if {@code name} is not a header name, is a pseudo-header
     *         or a connection-specific one HTTP/3 forbids, or is {@code content-length}, which the
     *         server writes from the body; or {@code value} holds CR, LF or NUL
     */
    public Response header(String name, String value) {
        if ("content-length".equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("content-length is written by the server from the body; leave it out");
        }
        return new Response(status, HeaderFields.with(headers, name, value), body);
    }

    /** This response with {@code body} (copied) as its body. */
    public Response body(byte[] body) {
        Objects.requireNonNull(body, "body is null; pass new byte[0] for an empty body");
        return new Response(status, headers, body.clone());
    }

    /** This response with {@code text}, encoded as UTF-8, as its body. */
    public Response body(String text) {
        Objects.requireNonNull(text, "text is null; pass \"\" for an empty body");
        return new Response(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The header fields: lower-case names, each with its values in order; unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** A copy of the body. */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The body without a copy, for this package's writer, which never changes it. */
    byte[] bodyView() {
        return body;
    }

    @Override
    public String toString() {
        return status + " (" + body.length + " bytes)";
    }
}
