package io.zsync.examples.redis;

/**
 * The server sent bytes that are not a reply within the {@link RespLimits}: a bad frame, or one
 * too big. The connection it came on is closed; whatever sent it is not a Redis server this client
 * can talk to (or the limits are too tight for what it stores).
 */
public final class RedisProtocolException extends RedisException {

    private static final long serialVersionUID = 1L;

    /** A bad frame, described by {@code message}. */
    public RedisProtocolException(String message) {
        super(message);
    }
}
