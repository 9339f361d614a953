package io.zsync.http;

import java.io.IOException;

/**
 * A peer broke HTTP/1.1: a malformed or over-limit request on a server, a malformed response on a
 * client. {@link #status()} is the status a server answers it with (400, 413, 414, 431, 501,
 * 505...); the message says what was wrong. The connection it came on is closed: after a framing
 * error nothing that follows on it can be trusted.
 */
public final class HttpProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the status that answers it, 400 to 599
     * @param message what was wrong, for a person
     */
    public HttpProtocolException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an error status; pass 400 to 599");
        }
        this.status = status;
    }

    /** The status a server answers this with. */
    public int status() {
        return status;
    }
}
