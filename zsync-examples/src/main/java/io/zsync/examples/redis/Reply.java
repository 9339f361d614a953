package io.zsync.examples.redis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reply of the Redis server, in either protocol: RESP2 has the first five kinds (simple string,
 * error, integer, bulk string, array; its null bulk string and null array are {@link NullReply}),
 * RESP3 ({@code HELLO 3}) adds the others. The same command can answer a different kind in each
 * ({@code HGETALL}: a flat array in RESP2, a map in RESP3), so the {@code as...} conversions accept
 * both forms; pattern matching on the records gives the exact kind.
 *
 * <p>Immutable; the byte arrays a reply holds are its own (do not change them).
 */
public sealed interface Reply {

    /** A simple string ({@code +OK}): a short text without CR or LF. */
    record SimpleString(String value) implements Reply {
        public SimpleString {
            Objects.requireNonNull(value, "value is null");
        }
    }

    /**
     * A bulk string ({@code $}): binary-safe bytes, such as a value {@code GET} returns. Equal to
     * another of the same bytes.
     */
    record BulkString(byte[] value) implements Reply {
        public BulkString {
            Objects.requireNonNull(value, "value is null");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BulkString other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "BulkString[" + new String(value, StandardCharsets.UTF_8) + "]";
        }
    }

    /** A verbatim string ({@code =}, RESP3): text with a three-letter format, {@code txt} or {@code mkd}. */
    record VerbatimString(String format, byte[] value) implements Reply {
        public VerbatimString {
            Objects.requireNonNull(format, "format is null");
            Objects.requireNonNull(value, "value is null");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VerbatimString other && format.equals(other.format) && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return 31 * format.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "VerbatimString[" + format + ":" + new String(value, StandardCharsets.UTF_8) + "]";
        }
    }

    /**
     * An error ({@code -} or RESP3's {@code !}): the command failed, the connection is fine. The
     * message starts with a code in capitals ({@code ERR}, {@code WRONGTYPE}).
     */
    record ErrorReply(String message) implements Reply {
        public ErrorReply {
            Objects.requireNonNull(message, "message is null");
        }

        /** The first word of the message, its code by convention ({@code WRONGTYPE}). */
        public String code() {
            int space = message.indexOf(' ');
            return space < 0 ? message : message.substring(0, space);
        }
    }

    /** A 64-bit signed integer ({@code :}). */
    record IntegerReply(long value) implements Reply {}

    /** A double ({@code ,}, RESP3); RESP2 sends doubles as bulk strings. */
    record DoubleReply(double value) implements Reply {}

    /** A boolean ({@code #}, RESP3); RESP2 sends integers 0 and 1. */
    record BooleanReply(boolean value) implements Reply {}

    /** A big number ({@code (}, RESP3): an integer of any size. */
    record BigNumberReply(BigInteger value) implements Reply {
        public BigNumberReply {
            Objects.requireNonNull(value, "value is null");
        }
    }

    /** Nothing: RESP3's null ({@code _}), or RESP2's null bulk string ({@code $-1}) and null array ({@code *-1}). */
    record NullReply() implements Reply {
        /** The one instance the parser hands out. */
        public static final NullReply NULL = new NullReply();
    }

    /** An array ({@code *}). */
    record ArrayReply(List<Reply> elements) implements Reply {
        public ArrayReply {
            elements = List.copyOf(elements);
        }
    }

    /** A set ({@code ~}, RESP3), in the order the server sent it; RESP2 sends sets as arrays. */
    record SetReply(List<Reply> elements) implements Reply {
        public SetReply {
            elements = List.copyOf(elements);
        }
    }

    /**
     * A map ({@code %}, RESP3), in the order the server sent it; RESP2 sends maps as flat arrays
     * of keys and values. A key sent twice keeps its last value.
     */
    record MapReply(Map<Reply, Reply> entries) implements Reply {
        public MapReply {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /**
     * A push ({@code >}, RESP3): data the server sends on its own, not a command's reply, such as a
     * pub/sub message. Its first element names its kind ({@code message}).
     */
    record PushReply(List<Reply> elements) implements Reply {
        public PushReply {
            elements = List.copyOf(elements);
        }
    }

    /** Whether this is {@link NullReply}. */
    default boolean isNull() {
        return this instanceof NullReply;
    }

    /**
     * This reply as text, UTF-8 for bytes: a simple, bulk or verbatim string, or an integer's or a
     * double's digits (RESP3 sends some values that RESP2 sends as strings as numbers);
     * {@code null} for {@link NullReply}.
     *
     * @throws IllegalStateException for any other kind, an error included
     */
    default String asString() {
        return switch (this) {
            case SimpleString(String value) -> value;
            case BulkString(byte[] value) -> new String(value, StandardCharsets.UTF_8);
            case VerbatimString(String format, byte[] value) -> new String(value, StandardCharsets.UTF_8);
            case IntegerReply(long value) -> Long.toString(value);
            case DoubleReply(double value) -> Double.toString(value);
            case BigNumberReply(BigInteger value) -> value.toString();
            case NullReply n -> null;
            default -> throw unexpected("a string");
        };
    }

    /**
     * This reply's bytes: a bulk or verbatim string's as they came, a simple string's in UTF-8;
     * {@code null} for {@link NullReply}.
     *
     * @throws IllegalStateException for any other kind
     */
    default byte[] asBytes() {
        return switch (this) {
            case BulkString(byte[] value) -> value;
            case VerbatimString(String format, byte[] value) -> value;
            case SimpleString(String value) -> value.getBytes(StandardCharsets.UTF_8);
            case NullReply n -> null;
            default -> throw unexpected("bytes");
        };
    }

    /**
     * This reply as a {@code long}: an integer, or a boolean as 1 or 0.
     *
     * @throws IllegalStateException for any other kind
     */
    default long asLong() {
        return switch (this) {
            case IntegerReply(long value) -> value;
            case BooleanReply(boolean value) -> value ? 1 : 0;
            default -> throw unexpected("an integer");
        };
    }

    /**
     * This reply as a {@code double}: a double, an integer, or a string of one (how RESP2 sends
     * doubles: {@code "3.5"}, {@code "inf"}, {@code "-inf"}, {@code "nan"}).
     *
     * @throws IllegalStateException for any other kind, or a string that is not a number
     */
    default double asDouble() {
        return switch (this) {
            case DoubleReply(double value) -> value;
            case IntegerReply(long value) -> value;
            case BulkString b -> RespParser.parseDouble(b.asString()).orElseThrow(() -> unexpected("a double"));
            case SimpleString(String value) -> RespParser.parseDouble(value).orElseThrow(() -> unexpected("a double"));
            default -> throw unexpected("a double");
        };
    }

    /**
     * This reply as a {@code boolean}: a boolean, or an integer 1 or 0 (how RESP2 sends them).
     *
     * @throws IllegalStateException for any other kind or integer
     */
    default boolean asBoolean() {
        return switch (this) {
            case BooleanReply(boolean value) -> value;
            case IntegerReply(long value) when value == 0 || value == 1 -> value == 1;
            default -> throw unexpected("a boolean");
        };
    }

    /**
     * The elements of an array, set or push; an empty list for {@link NullReply} (RESP2's null array).
     *
     * @throws IllegalStateException for any other kind
     */
    default List<Reply> asList() {
        return switch (this) {
            case ArrayReply(List<Reply> elements) -> elements;
            case SetReply(List<Reply> elements) -> elements;
            case PushReply(List<Reply> elements) -> elements;
            case NullReply n -> List.of();
            default -> throw unexpected("a list");
        };
    }

    /**
     * The entries of a map, or of an array of keys and values (how RESP2 sends maps), in the
     * order they came; an empty map for {@link NullReply}.
     *
     * @throws IllegalStateException for any other kind, or an array of odd length
     */
    default Map<Reply, Reply> asMap() {
        return switch (this) {
            case MapReply(Map<Reply, Reply> entries) -> entries;
            case ArrayReply(List<Reply> elements) when elements.size() % 2 == 0 -> {
                Map<Reply, Reply> entries = new LinkedHashMap<>();
                for (int i = 0; i < elements.size(); i += 2) {
                    entries.put(elements.get(i), elements.get(i + 1));
                }
                yield Collections.unmodifiableMap(entries);
            }
            case NullReply n -> Map.of();
            default -> throw unexpected("a map");
        };
    }

    /** This reply's elements as text ({@link #asList()}, each {@link #asString()}). */
    default List<String> asStringList() {
        List<Reply> elements = asList();
        List<String> strings = new ArrayList<>(elements.size());
        for (Reply element : elements) {
            strings.add(element.asString());
        }
        return Collections.unmodifiableList(strings);
    }

    private IllegalStateException unexpected(String wanted) {
        String shown = toString();
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "...";
        }
        return new IllegalStateException("expected " + wanted + " from the server, got " + shown
                + "; check the command, or pattern-match the Reply for its exact kind");
    }
}
