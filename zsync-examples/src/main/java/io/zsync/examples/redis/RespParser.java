package io.zsync.examples.redis;

import io.zsync.io.Reader;
import io.zsync.io.StreamTooLongException;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads replies, RESP2 and RESP3, from a {@link Reader}, within {@link RespLimits}. Strict: every
 * line ends with CRLF, numbers are plain decimal, lengths are what the frame says; anything else
 * is a {@link RedisProtocolException} that says what was wrong and at which byte of the reply.
 * RESP3 attributes ({@code |}) are read (within the limits) and dropped: no command of this
 * client asks for them. Streamed strings and aggregates ({@code $?}, {@code *?}), which Redis
 * never sends, are refused.
 *
 * <p>A failed read leaves the reader in the middle of a frame: the connection cannot be used
 * after it. Not thread-safe: one task reads at a time.
 */
final class RespParser {

    /** What a bulk string's array starts at; it doubles as the bytes arrive, up to the length the frame claims. */
    private static final int FIRST_CHUNK = 64 << 10;
    /** What an aggregate's list starts at, whatever count the frame claims. */
    private static final int FIRST_ELEMENTS = 1024;

    private final Reader in;
    private final RespLimits limits;
    /** The bytes of the reply being read taken so far: the position errors name, and what maxReplyBytes bounds. */
    private long replyBytes;

    RespParser(Reader in, RespLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /**
     * Reads the next reply whole. A cancellation point, as the reader's reads are.
     *
     * @throws EOFException if the server closed the connection, before the reply or in its middle
     *         (the message says which)
     * @throws RedisProtocolException if the bytes are not a reply within the limits
     */
    Reply read() throws IOException {
        replyBytes = 0;
        try {
            return value(0);
        } catch (EOFException e) {
            if (replyBytes == 0 && in.buffered() == 0) {
                throw new EOFException("the server closed the connection");
            }
            throw new EOFException("the server closed the connection in the middle of a reply, after "
                    + (replyBytes + in.buffered()) + " bytes of it");
        }
    }

    /** A value whose aggregates, if it is one, sit {@code depth} deep. */
    private Reply value(int depth) throws IOException {
        ByteBuffer line = line();
        byte type = line.get(0);
        while (type == '|') {       // attributes, then the value they describe: a loop, so that a chain of them cannot nest the stack
            int entries = aggregateSize(line, depth, "an attribute map");
            for (int i = 0; i < 2 * entries; i++) {
                value(depth + 1);
            }
            line = line();
            type = line.get(0);
        }
        return switch (type) {
            case '+' -> new Reply.SimpleString(text(line));
            case '-' -> new Reply.ErrorReply(text(line));
            case ':' -> new Reply.IntegerReply(number(line, "an integer"));
            case '$' -> {
                int length = length(line, true, "a bulk string");
                yield length < 0 ? Reply.NullReply.NULL : new Reply.BulkString(bulk(length));
            }
            case '!' -> new Reply.ErrorReply(new String(bulk(length(line, false, "a bulk error")), StandardCharsets.UTF_8));
            case '=' -> verbatim(length(line, false, "a verbatim string"));
            case ',' -> new Reply.DoubleReply(doubleOf(line));
            case '#' -> new Reply.BooleanReply(bool(line));
            case '(' -> new Reply.BigNumberReply(bigNumber(line));
            case '_' -> {
                if (line.limit() != 1) {
                    throw bad("a null with bytes after its type: " + quote(line));
                }
                yield Reply.NullReply.NULL;
            }
            case '*' -> {
                if (isNullLength(line)) {            // RESP2's null array
                    yield Reply.NullReply.NULL;
                }
                yield new Reply.ArrayReply(elements(aggregateSize(line, depth, "an array"), depth));
            }
            case '~' -> new Reply.SetReply(elements(aggregateSize(line, depth, "a set"), depth));
            case '>' -> new Reply.PushReply(elements(aggregateSize(line, depth, "a push"), depth));
            case '%' -> new Reply.MapReply(entries(aggregateSize(line, depth, "a map"), depth));
            default -> throw bad("unknown type byte " + describe(type));
        };
    }

    /** The next line, without its CRLF, counted; as a view from index 0, its type byte, valid until the next read. */
    private ByteBuffer line() throws IOException {
        ByteBuffer line;
        try {
            line = in.takeDelimiterInclusive('\n', limits.maxLineLength() + 2);
        } catch (StreamTooLongException e) {
            throw bad("a line longer than " + limits.maxLineLength() + " bytes (RespLimits.maxLineLength)");
        }
        int length = line.remaining();
        take(length);
        if (length < 2 || line.get(line.position() + length - 2) != '\r') {
            throw bad("a line that ends with LF alone, not CRLF");
        }
        if (length == 2) {
            throw bad("an empty line where a type byte was expected");
        }
        return line.slice(line.position(), length - 2);
    }

    /** Counts {@code n} more bytes of the reply, within maxReplyBytes. */
    private void take(long n) throws RedisProtocolException {
        replyBytes += n;
        if (replyBytes > limits.maxReplyBytes()) {
            throw bad("a reply longer than " + limits.maxReplyBytes() + " bytes (RespLimits.maxReplyBytes)");
        }
    }

    /** {@code length} bytes and their CRLF, filled as they arrive. */
    private byte[] bulk(int length) throws IOException {
        take(length + 2L);
        byte[] data = new byte[Math.min(length, FIRST_CHUNK)];
        int filled = 0;
        while (true) {
            in.readFully(data, filled, data.length - filled);
            filled = data.length;
            if (filled == length) {
                break;
            }
            data = Arrays.copyOf(data, (int) Math.min(length, 2L * filled));
        }
        ByteBuffer end = in.take(2);
        if (end.get(end.position()) != '\r' || end.get(end.position() + 1) != '\n') {
            throw bad("a string of " + length + " bytes not followed by CRLF: its length is wrong");
        }
        return data;
    }

    private Reply verbatim(int length) throws IOException {
        if (length < 4) {
            throw bad("a verbatim string of " + length + " bytes, too short for its format ('txt:')");
        }
        byte[] data = bulk(length);
        if (data[3] != ':') {
            throw bad("a verbatim string without a three-letter format and ':' before its text");
        }
        return new Reply.VerbatimString(new String(data, 0, 3, StandardCharsets.US_ASCII), Arrays.copyOfRange(data, 4, length));
    }

    private List<Reply> elements(int count, int depth) throws IOException {
        List<Reply> elements = new ArrayList<>(Math.min(count, FIRST_ELEMENTS));
        for (int i = 0; i < count; i++) {
            elements.add(value(depth + 1));
        }
        return elements;
    }

    private Map<Reply, Reply> entries(int count, int depth) throws IOException {
        Map<Reply, Reply> entries = new LinkedHashMap<>(Math.min(count, FIRST_ELEMENTS));
        for (int i = 0; i < count; i++) {
            Reply key = value(depth + 1);
            entries.put(key, value(depth + 1));
        }
        return entries;
    }

    /** The element count of an aggregate that sits {@code depth} deep, within the limits. */
    private int aggregateSize(ByteBuffer line, int depth, String what) throws RedisProtocolException {
        if (depth >= limits.maxDepth()) {
            throw bad(what + " nested " + (depth + 1) + " deep, past " + limits.maxDepth() + " (RespLimits.maxDepth)");
        }
        long count = number(line, "the size of " + what);
        if (count < 0) {
            throw bad(what + " of size " + count);
        }
        if (count > limits.maxAggregateSize()) {
            throw bad(what + " of " + count + " elements, over " + limits.maxAggregateSize() + " (RespLimits.maxAggregateSize)");
        }
        return (int) count;
    }

    /** A string's length, within the limits; -1 for RESP2's null bulk string if {@code nullable}. */
    private int length(ByteBuffer line, boolean nullable, String what) throws RedisProtocolException {
        if (nullable && isNullLength(line)) {
            return -1;
        }
        long length = number(line, "the length of " + what);
        if (length < 0) {
            throw bad(what + " of length " + length);
        }
        if (length > limits.maxBulkLength()) {
            throw bad(what + " of " + length + " bytes, over " + limits.maxBulkLength() + " (RespLimits.maxBulkLength)");
        }
        return (int) length;
    }

    private static boolean isNullLength(ByteBuffer line) {
        return line.limit() == 3 && line.get(1) == '-' && line.get(2) == '1';
    }

    /** The line after its type byte as a decimal {@code long}: an optional sign, then at least one digit. */
    private long number(ByteBuffer line, String what) throws RedisProtocolException {
        int i = 1;
        int end = line.limit();
        boolean negative = false;
        if (i < end && (line.get(i) == '-' || line.get(i) == '+')) {
            negative = line.get(i) == '-';
            i++;
        }
        if (i == end) {
            throw bad(what + " without digits: " + quote(line));
        }
        long value = 0;                 // accumulated negatively, so that Long.MIN_VALUE fits
        for (; i < end; i++) {
            int digit = line.get(i) - '0';
            if (digit < 0 || digit > 9) {
                throw bad(what + " that is not a decimal number: " + quote(line)
                        + (line.get(i) == '?' ? " (a streamed frame, which Redis does not send)" : ""));
            }
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw bad(what + " too big for 64 bits: " + quote(line));
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw bad(what + " too big for 64 bits: " + quote(line));
            }
            value = -value;
        }
        return value;
    }

    private boolean bool(ByteBuffer line) throws RedisProtocolException {
        if (line.limit() == 2 && line.get(1) == 't') {
            return true;
        }
        if (line.limit() == 2 && line.get(1) == 'f') {
            return false;
        }
        throw bad("a boolean that is neither #t nor #f: " + quote(line));
    }

    private double doubleOf(ByteBuffer line) throws RedisProtocolException {
        OptionalDouble value = parseDouble(text(line));
        if (value.isEmpty()) {
            throw bad("a double that is not a number: " + quote(line));
        }
        return value.getAsDouble();
    }

    private BigInteger bigNumber(ByteBuffer line) throws RedisProtocolException {
        String digits = text(line);
        int first = digits.startsWith("-") || digits.startsWith("+") ? 1 : 0;
        if (digits.length() == first || !digits.chars().skip(first).allMatch(c -> c >= '0' && c <= '9')) {
            throw bad("a big number that is not a decimal number: " + quote(line));
        }
        return new BigInteger(digits);
    }

    /**
     * A double as Redis writes one, in a RESP3 double or a RESP2 string: decimal, with an optional
     * fraction and exponent, or {@code inf}, {@code -inf}, {@code nan}; empty for anything else.
     */
    static OptionalDouble parseDouble(String text) {
        switch (text) {
            case "inf", "+inf" -> {
                return OptionalDouble.of(Double.POSITIVE_INFINITY);
            }
            case "-inf" -> {
                return OptionalDouble.of(Double.NEGATIVE_INFINITY);
            }
            case "nan", "-nan" -> {
                return OptionalDouble.of(Double.NaN);
            }
            default -> { }
        }
        // Double.parseDouble also takes "NaN", "Infinity", hex and a trailing 'd': none is RESP.
        if (text.isEmpty() || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
                || c == '+' || c == '-')) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** The line after its type byte, as UTF-8. */
    private static String text(ByteBuffer line) {
        return StandardCharsets.UTF_8.decode(line.slice(1, line.limit() - 1)).toString();
    }

    /** The line for an error message: its first 64 bytes, control bytes escaped. */
    private static String quote(ByteBuffer line) {
        StringBuilder shown = new StringBuilder("'");
        int end = Math.min(line.limit(), 64);
        for (int i = 0; i < end; i++) {
            byte b = line.get(i);
            shown.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return shown.append(line.limit() > end ? "...'" : "'").toString();
    }

    private static String describe(byte type) {
        return type >= 0x20 && type < 0x7f ? "'" + (char) type + "'" : String.format("0x%02x", type & 0xff);
    }

    private RedisProtocolException bad(String what) {
        return new RedisProtocolException("bad reply from the server, at byte " + replyBytes + " of it: " + what);
    }
}
