package io.zsync.examples.redis;

import java.io.IOException;

/**
 * A failure of the Redis client that is not the socket's: the server's error reply
 * ({@link RedisServerException}), a bad frame ({@link RedisProtocolException}), or the pool's own
 * (no connection free within the borrow timeout).
 */
public class RedisException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, which says what to do. */
    public RedisException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public RedisException(String message, Throwable cause) {
        super(message, cause);
    }
}
