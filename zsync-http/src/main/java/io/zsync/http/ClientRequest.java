package io.zsync.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A request for an {@link HttpClient} to send: a method, an {@code http} URI, header fields and a
 * body, built in place: {@code ClientRequest.post(uri, json).header("Content-Type", "application/json")}.
 *
 * <p>The client writes {@code Host}, {@code Content-Length} or {@code Transfer-Encoding} itself.
 * A request with a body of bytes (or none) may be sent again, and is retried once on a fresh
 * connection when a pooled one turns out closed by the server before any response byte (for
 * {@code GET}, {@code HEAD}, {@code PUT}, {@code DELETE}, {@code OPTIONS}: methods that may
 * repeat). Not thread-safe while being built.
 */
public final class ClientRequest {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final String method;
    private final URI uri;
    private final List<String> fields = new ArrayList<>(4);
    private byte[] bytes;
    private BodyWriter stream;
    private long length;

    private ClientRequest(String method, URI uri) {
        Objects.requireNonNull(method, "method is null; pass GET, POST...");
        Objects.requireNonNull(uri, "uri is null; pass an http URI such as http://127.0.0.1:8080/");
        if (method.isEmpty() || !HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("'" + method + "' is not a method: use a token such as GET");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' is not an http URI with a host; this client speaks"
                    + " plain HTTP/1.1 (http://host[:port]/path)");
        }
        this.method = method;
        this.uri = uri;
    }

    /** A {@code GET} of {@code uri}. */
    public static ClientRequest get(URI uri) {
        return new ClientRequest("GET", uri);
    }

    /** A {@code POST} of {@code body} to {@code uri}. */
    public static ClientRequest post(URI uri, byte[] body) {
        return new ClientRequest("POST", uri).body(body);
    }

    /** A request of {@code method} for {@code uri}, without a body until one is given. */
    public static ClientRequest of(String method, URI uri) {
        return new ClientRequest(method, uri);
    }

    /**
     * Adds a header field.
     *
     * @throws IllegalArgumentException if the name or value is not one a field may have, or the
     *         field is one the client writes ({@code Host}, {@code Content-Length},
     *         {@code Transfer-Encoding}, {@code Connection})
     */
    public ClientRequest header(String name, String value) {
        Headers.checkName(name);
        Headers.checkValue(name, value);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("host") || lower.equals("content-length") || lower.equals("transfer-encoding")
                || lower.equals("connection")) {
            throw new IllegalArgumentException(name + " is written by the client from the URI, the body and the"
                    + " pool; leave it out");
        }
        fields.add(name);
        fields.add(value);
        return this;
    }

    /** The body: {@code bytes}, which this request now holds (do not change them). */
    public ClientRequest body(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes is null; pass the body, or new byte[0] for an empty one");
        this.stream = null;
        return this;
    }

    /** The body: {@code text} as UTF-8. */
    public ClientRequest body(String text) {
        Objects.requireNonNull(text, "text is null; pass the body");
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A streamed body of {@code length} bytes, or chunked when -1; such a request is sent once, never retried. */
    public ClientRequest body(long length, BodyWriter writer) {
        Objects.requireNonNull(writer, "writer is null; pass what writes the body");
        if (length < -1) {
            throw new IllegalArgumentException("length is " + length + "; pass the body's length, or -1 to send it chunked");
        }
        this.stream = writer;
        this.length = length;
        this.bytes = null;
        return this;
    }

    /** The method. */
    public String method() {
        return method;
    }

    /** The URI. */
    public URI uri() {
        return uri;
    }

    /** The header fields set (without those the client adds). */
    public Headers headers() {
        return Headers.of(fields.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return method + " " + uri;
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

    long streamLength() {
        return length;
    }

    /** Whether sending it again does no harm: an idempotent method and a body that can be sent again. */
    boolean retryable() {
        return IDEMPOTENT.contains(method) && stream == null;
    }

    /** The same request for another URI and method, as a redirect asks; {@code dropBody} for a 303 (or 301/302 of a POST). */
    ClientRequest redirected(URI to, String newMethod, boolean dropBody) {
        ClientRequest next = new ClientRequest(newMethod, to);
        next.fields.addAll(fields);
        if (!dropBody) {
            next.bytes = bytes;
            next.stream = stream;
            next.length = length;
        }
        return next;
    }
}
