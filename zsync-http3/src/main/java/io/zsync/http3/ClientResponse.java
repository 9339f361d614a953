package io.zsync.http3;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What {@link Http3Client#send} returns: the status, the header fields and the whole body, read
 * before {@code send} returned (so, unlike an HTTP/1.1 response on a pooled connection, there is
 * nothing to close). Immutable; safe to share between tasks and threads.
 */
public final class ClientResponse {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    ClientResponse(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The status code, 200 to 599 (informational 1xx responses are passed over). */
    public int status() {
        return status;
    }

    /** The header fields: lower-case names, each with its values in order; unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (any case), or {@code null} if it was not sent. */
    public String header(String name) {
        return HeaderFields.first(headers, name);
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
        return "HTTP/3 " + status + " (" + body.length + " bytes)";
    }
}
