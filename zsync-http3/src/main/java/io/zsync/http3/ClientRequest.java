package io.zsync.http3;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request for {@link Http3Client#send}: a method, an {@code https} URI, header fields and a body
 * held whole in memory. Immutable: {@link #header} returns a new request. Named as zsync-http's
 * client request is, so that code moves between HTTP/1.1 and HTTP/3 by its imports.
 *
 * <pre>{@code
 * ClientRequest request = ClientRequest.post(URI.create("https://127.0.0.1:8443/echo"), bytes)
 *         .header("content-type", "application/octet-stream");
 * }</pre>
 *
 * <p>Safe to share between tasks and threads.
 */
public final class ClientRequest {

    private final String method;
    private final URI uri;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private ClientRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    /**
     * A {@code GET} of {@code uri}, with no body.
     *
     * @throws IllegalArgumentException if {@code uri} is not an absolute {@code https} URI with a host
     */
    public static ClientRequest get(URI uri) {
        return of("GET", uri, new byte[0]);
    }

    /**
     * A {@code POST} of {@code body} to {@code uri}; {@code body} is copied.
     *
     * @throws IllegalArgumentException if {@code uri} is not an absolute {@code https} URI with a host
     */
    public static ClientRequest post(URI uri, byte[] body) {
        return of("POST", uri, body);
    }

    /**
     * A request with any method (upper-cased, as HTTP methods are written); {@code body} is copied
     * and may be empty.
     *
     * @throws IllegalArgumentException if {@code method} is blank or holds a space, or {@code uri}
     *         is not an absolute {@code https} URI with a host
     */
    public static ClientRequest of(String method, URI uri, byte[] body) {
        Objects.requireNonNull(method, "method is null; pass an HTTP method such as \"GET\"");
        Objects.requireNonNull(uri, "uri is null; pass an https URI such as https://127.0.0.1:8443/");
        Objects.requireNonNull(body, "body is null; pass new byte[0] for a request without a body");
        if (method.isBlank() || method.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + method + "' is not an HTTP method; pass one such as \"GET\"");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(uri + " is not an absolute https URI with a host: HTTP/3 only"
                    + " speaks https, so pass one such as https://127.0.0.1:8443/path");
        }
        return new ClientRequest(method.toUpperCase(Locale.ROOT), uri, Map.of(), body.clone());
    }

    /**
     * This request with one more value for header {@code name} (lower-cased, as HTTP/3 sends it).
     *
     * @throws IllegalArgumentException if {@code name} is not a header name, is a pseudo-header
     *         ({@code :path}) or a connection-specific one HTTP/3 forbids ({@code connection},
     *         {@code transfer-encoding}, ...), or {@code value} holds CR, LF or NUL
     */
    public ClientRequest header(String name, String value) {
        return new ClientRequest(method, uri, HeaderFields.with(headers, name, value), body);
    }

    /** The method, upper-case. */
    public String method() {
        return method;
    }

    /** The URI: its host and port name the server, its path and query the resource. */
    public URI uri() {
        return uri;
    }

    /** The header fields: lower-case names, each with its values in order; unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** A copy of the body; empty if there is none. */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The body without a copy, for this package's writer, which never changes it. */
    byte[] bodyView() {
        return body;
    }

    /** The {@code :path} pseudo-header: the URI's raw path (or {@code /}) and query. */
    String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
