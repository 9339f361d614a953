package io.zsync.http3;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A request as {@link Http3Server} hands it to a {@link Handler}: read whole (headers and body,
 * up to {@link ServerOptions#maxRequestBodyBytes}) before the handler runs. Named as zsync-http's
 * server request is. Immutable; safe to share between tasks and threads.
 */
public final class Request {

    private final String method;
    private final String path;
    private final String query;
    private final String authority;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    Request(String method, String pathAndQuery, String authority, Map<String, List<String>> headers, byte[] body) {
        int mark = pathAndQuery.indexOf('?');
        this.method = method;
        this.path = mark < 0 ? pathAndQuery : pathAndQuery.substring(0, mark);
        this.query = mark < 0 ? null : pathAndQuery.substring(mark + 1);
        this.authority = authority;
        this.headers = headers;
        this.body = body;
    }

    /** The method ({@code :method}), as the client sent it. */
    public String method() {
        return method;
    }

    /** The path of {@code :path}, before any {@code ?}, still percent-encoded. */
    public String path() {
        return path;
    }

    /** The query of {@code :path}, after the {@code ?}, still percent-encoded; {@code null} if none. */
    public String query() {
        return query;
    }

    /** The {@code :authority} the client named (host and port), or {@code null} if it sent none. */
    public String authority() {
        return authority;
    }

    /** The first value of header {@code name} (any case), or {@code null} if it was not sent. */
    public String header(String name) {
        return HeaderFields.first(headers, name);
    }

    /** The header fields: lower-case names, each with its values in order; unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** A copy of the body; empty if there was none. */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
