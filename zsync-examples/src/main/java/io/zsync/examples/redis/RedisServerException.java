package io.zsync.examples.redis;

/**
 * The server answered a command with an error ({@code -ERR unknown command}, {@code -WRONGTYPE ...}):
 * the command failed, and the connection is fine and stays in use.
 */
public final class RedisServerException extends RedisException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /** The server's {@code error}, answered to the command named {@code command}. */
    RedisServerException(Reply.ErrorReply error, String command) {
        super("the server answered " + command + " with: " + error.message());
        this.code = error.code();
    }

    /** The error's code: the first word of the server's message ({@code ERR}, {@code WRONGTYPE}, {@code NOAUTH}). */
    public String code() {
        return code;
    }
}
