package io.zsync.examples.redis;

/**
 * What one reply may hold, so that a server (or whatever answers on its port) cannot make the
 * client allocate without bound: a reply past a limit fails with {@link RedisProtocolException},
 * and its connection is closed. Beside these bounds the parser allocates only as bytes arrive: a
 * bulk string that claims a length is filled in steps as its bytes come, and an aggregate that
 * claims a count grows with the elements that came, so a frame that lies about its size costs no
 * more than the bytes it sent.
 *
 * @param maxLineLength    the longest line, in bytes, without its CRLF: a simple string, an
 *                         error, a number, a length
 * @param maxBulkLength    the longest bulk string, verbatim string or bulk error, in bytes
 * @param maxAggregateSize the most elements of one array, set or push, or entries of one map
 * @param maxDepth         how deep aggregates may nest: 1 allows an array of strings, not of arrays
 * @param maxReplyBytes    the most bytes one reply, everything in it counted, may take on the wire
 */
public record RespLimits(int maxLineLength, int maxBulkLength, int maxAggregateSize, int maxDepth, long maxReplyBytes) {

    /** The longest line a limit may allow: lines are held whole in the reader's buffer. */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is less than 1, {@code maxLineLength} is over
     *         {@link #MAX_LINE_LENGTH}, or {@code maxReplyBytes} is smaller than a line or a bulk
     *         string may be
     */
    public RespLimits {
        requirePositive(maxLineLength, "maxLineLength");
        requirePositive(maxBulkLength, "maxBulkLength");
        requirePositive(maxAggregateSize, "maxAggregateSize");
        requirePositive(maxDepth, "maxDepth");
        if (maxLineLength > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength is " + maxLineLength + "; pass at most " + MAX_LINE_LENGTH
                    + " (a line is held whole in memory; long values come as bulk strings)");
        }
        if (maxReplyBytes < Math.max(maxLineLength, maxBulkLength)) {
            throw new IllegalArgumentException("maxReplyBytes is " + maxReplyBytes + ", less than one line or bulk string"
                    + " may take; pass at least max(maxLineLength, maxBulkLength) = " + Math.max(maxLineLength, maxBulkLength));
        }
    }

    /**
     * The defaults: lines of 64 KiB, bulk strings of 512 MiB (the largest value Redis stores),
     * aggregates of 16 Mi elements nested 32 deep, replies of 1 GiB.
     */
    public static RespLimits defaults() {
        return new RespLimits(64 << 10, 512 << 20, 16 << 20, 32, 1L << 30);
    }

    private static void requirePositive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " is " + value + "; pass a limit of 1 or more");
        }
    }
}
