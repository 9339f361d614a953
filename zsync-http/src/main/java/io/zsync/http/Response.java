package io.zsync.http;

import io.zsync.fs.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Handler} answers: a status, header fields and a body, built in place:
 *
 * <pre>{@code
 * Response.text("Hello, World!");                                   // 200, text/plain; charset=utf-8
 * Response.of(201).header("Location", "/users/7").body(json);       // a body of bytes or text
 * Response.of(200).contentType("text/csv").body(-1, out -> rows.forEach(r -> out.print(r)));  // streamed, chunked
 * }</pre>
 *
 * <p>The server writes the framing fields itself ({@code Content-Length} or
 * {@code Transfer-Encoding}, {@code Connection}, {@code Date}); setting them here is refused. A
 * response to {@code HEAD} is sent without its body. Not thread-safe: one task builds it.
 */
public final class Response {

    private static final byte[] NO_BYTES = new byte[0];
    private static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    private final int status;
    /** Name, value, name, value... */
    private final List<String> fields = new ArrayList<>(4);
    private byte[] bytes = NO_BYTES;
    private BodyWriter stream;
    private long length;
    private File file;
    private long fileOffset;

    private Response(int status) {
        if (status < 200 || status > 999) {
            throw new IllegalArgumentException("status " + status + " is not a final status; pass 200 to 999"
                    + " (interim 1xx responses, such as 100 Continue, are the server's to send)");
        }
        this.status = status;
    }

    /** An empty response of {@code status}, 200 to 999. */
    public static Response of(int status) {
        return new Response(status);
    }

    /** {@code text} as UTF-8, {@code text/plain; charset=utf-8}, status 200. */
    public static Response text(String text) {
        return text(200, text);
    }

    /** {@code text} as UTF-8, {@code text/plain; charset=utf-8}, status {@code status}. */
    public static Response text(int status, String text) {
        Objects.requireNonNull(text, "text is null; pass the body, or use Response.of(status) for none");
        return of(status).contentType(TEXT_UTF8).body(text);
    }

    /**
     * Adds a header field; a name may be added more than once.
     *
     * @throws IllegalArgumentException if the name or value is not one a field may have, or the
     *         field is one the server writes from the body ({@code Content-Length},
     *         {@code Transfer-Encoding}, {@code Connection})
     */
    public Response header(String name, String value) {
        Headers.checkName(name);
        Headers.checkValue(name, value);
        if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection")) {
            throw new IllegalArgumentException(name + " is written by the server from the body and the"
                    + " connection's state; leave it out (give body(length, writer) a length for Content-Length)");
        }
        fields.add(name);
        fields.add(value);
        return this;
    }

    /** Adds {@code Content-Type: type}. */
    public Response contentType(String type) {
        return header("Content-Type", type);
    }

    /** The body: {@code bytes}, which this response now holds (do not change them). */
    public Response body(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes is null; pass the body, or new byte[0] for none");
        this.stream = null;
        this.file = null;
        return this;
    }

    /** The body: {@code text} as UTF-8. Sets no content type ({@link #text(String)} does). */
    public Response body(String text) {
        Objects.requireNonNull(text, "text is null; pass the body, or \"\" for none");
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A streamed body, written by {@code writer} once the head is sent: of exactly {@code length}
     * bytes ({@code Content-Length}), or of a length not known ahead, sent chunked, when
     * {@code length} is -1. A writer that writes a different number of bytes than it said fails
     * the response, and the server closes the connection.
     */
    public Response body(long length, BodyWriter writer) {
        Objects.requireNonNull(writer, "writer is null; pass what writes the body");
        if (length < -1) {
            throw new IllegalArgumentException("length is " + length + "; pass the body's length, or -1 to send it chunked");
        }
        this.stream = writer;
        this.length = length;
        this.file = null;
        return this;
    }

    /** The status. */
    public int status() {
        return status;
    }

    /** The header fields set so far (without those the server adds). */
    public Headers headers() {
        return Headers.of(fields.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return "Response[" + status + " " + HttpSyntax.reason(status) + ", " + headers() + "]";
    }

    /** A body of {@code length} bytes of {@code file} from {@code offset}, sent without copying; the server closes the file. */
    Response file(File file, long offset, long length) {
        this.file = file;
        this.fileOffset = offset;
        this.length = length;
        this.stream = null;
        return this;
    }

    /** Closes what the response holds (its file) when it will not be sent. */
    void discard() {
        if (file != null) {
            Quietly.run(System.getLogger(HttpServer.class.getName()), "closing", file, file::close);
        }
    }

    List<String> fieldList() {
        return fields;
    }

    byte[] bytes() {
        return bytes;
    }

    BodyWriter stream() {
        return stream;
    }

    File file() {
        return file;
    }

    long fileOffset() {
        return fileOffset;
    }

    /** The body's length: of the bytes, or as given for a stream or a file; -1 for chunked. */
    long bodyLength() {
        return stream != null || file != null ? length : bytes.length;
    }
}
