package io.zsync.io;

import java.io.IOException;

/**
 * Thrown when bytes do not fit within a limit: a delimited line longer than the limit given to
 * {@link Reader#takeDelimiterInclusive}, {@link Reader#takeDelimiterExclusive} or
 * {@link Reader#discardDelimiterLimit}, a line longer than {@link Reader#readLine} can buffer, a
 * request that needs more of a reader's buffer than its {@linkplain Reader#maxBufferSize()
 * maximum}, or a write that would overflow a {@link Writer#fixed fixed} writer. The message names
 * the limit and says what became of the bytes (a reader keeps them buffered, except that
 * {@code discardDelimiterLimit} has discarded them; the fixed writer wrote none of them).
 */
public final class StreamTooLongException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    /** Creates the exception; {@code message} names {@code limit}. */
    public StreamTooLongException(String message, long limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
