package io.zsync.http;

import io.zsync.io.Reader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A request an {@link HttpServer} read: its method, target, header fields and a streamed body.
 *
 * <p>Not thread-safe: it belongs to the task that handles it, and is valid until its handler
 * returns (its body reads from the connection, which then goes on to the next request).
 */
public final class Request {

    private final String method;
    private final String target;
    private final String path;
    private final String query;
    private final String version;
    private final Headers headers;
    /** {@code null} for a request without a body, until {@link #body()} is asked for. */
    private Reader body;
    private final long contentLength;
    private final InetSocketAddress remoteAddress;
    private Map<String, String> pathParams = Map.of();

    Request(String method, String target, String path, String query, String version, Headers headers,
            Reader body, long contentLength, InetSocketAddress remoteAddress) {
        this.method = method;
        this.target = target;
        this.path = path;
        this.query = query;
        this.version = version;
        this.headers = headers;
        this.body = body;
        this.contentLength = contentLength;
        this.remoteAddress = remoteAddress;
    }

    /** The method, as sent: {@code GET}, {@code POST}... (methods are case-sensitive). */
    public String method() {
        return method;
    }

    /** The request target as sent, such as {@code /search?q=zig%20io}. */
    public String target() {
        return target;
    }

    /** The path of the target, percent-decoded as UTF-8, such as {@code /search}. */
    public String path() {
        return path;
    }

    /** The query of the target, as sent (not decoded), without the {@code ?}; {@code null} if it has none. */
    public String query() {
        return query;
    }

    /**
     * The value of the first query parameter named {@code name}, decoded (UTF-8, {@code +} as a
     * space); an empty string for a parameter without {@code =}; {@code null} if there is none.
     */
    public String queryParam(String name) {
        Objects.requireNonNull(name, "name is null; pass the query parameter's name");
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decodeForm(key).equals(name)) {
                return eq < 0 ? "" : decodeForm(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /**
     * The value of the path parameter {@code name} of the route that matched, such as {@code id}
     * for {@code /users/{id}} (decoded), or the rest of the path for a route ending in {@code *},
     * under the name {@code *}.
     *
     * @throws IllegalArgumentException if the route has no parameter of that name
     */
    public String pathParam(String name) {
        Objects.requireNonNull(name, "name is null; pass a parameter name of the route, such as \"id\" for /users/{id}");
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route that matched " + path + " has no parameter '" + name
                    + "'; its parameters are " + pathParams.keySet());
        }
        return value;
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

    /** The body's length from {@code Content-Length}; empty for a chunked body, whose length is known at its end. */
    public OptionalLong contentLength() {
        return contentLength < 0 ? OptionalLong.empty() : OptionalLong.of(contentLength);
    }

    /**
     * The body, streamed from the connection: end of stream at its end (at once when there is
     * none). A chunked body is decoded. Reading past the server's body limit throws
     * {@link HttpProtocolException} (413). For {@code Expect: 100-continue}, the first read sends
     * the interim 100 response.
     */
    public Reader body() {
        if (body == null) {
            body = Reader.fixed(new byte[0]);
        }
        return body;
    }

    /**
     * Reads the whole body (the server refuses one larger than its {@code maxBodyBytes}).
     *
     * @throws HttpProtocolException (413) if a chunked body turns out larger than that
     */
    public byte[] bodyBytes() throws IOException {
        return Bodies.readAll(body(), contentLength);
    }

    /** Reads the whole body as UTF-8 text (see {@link #bodyBytes()}). */
    public String bodyString() throws IOException {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    /** The client's address. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version;
    }

    /** The path parameter {@code name}, or {@code null} if the route has none (or no route matched). */
    String pathParamOrNull(String name) {
        return pathParams.get(name);
    }

    void pathParams(Map<String, String> params) {
        this.pathParams = params;
    }

    private static String decodeForm(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
