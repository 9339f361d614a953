package io.zsync.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The header fields of a request or a response, in the order they came: names compared without
 * regard to case (RFC 9110, section 5.1), a name possibly repeated.
 *
 * <p>Immutable and thread-safe. A server's {@link Request} and a client's {@link ClientResponse}
 * hand out the fields they received; {@link #of(String...)} and {@link #with(String, String)} make
 * new ones.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(new String[0], 0);

    /** Name, value, name, value...: names as they came. */
    private final String[] fields;
    private final int size;

    private Headers(String[] fields, int size) {
        this.fields = fields;
        this.size = size;
    }

    /** No header fields. */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Header fields from names and values: {@code Headers.of("Accept", "text/plain", "X-Id", "7")}.
     *
     * @throws IllegalArgumentException if the count is odd, or a name or value is not one a header
     *         field may have (see {@link #with})
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Headers of(String... namesAndValues) {
        Objects.requireNonNull(namesAndValues, "namesAndValues is null; pass name, value, name, value...");
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues has " + namesAndValues.length
                    + " elements; pass a value after each name");
        }
        Builder fields = new Builder(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(checkName(namesAndValues[i]), checkValue(namesAndValues[i], namesAndValues[i + 1]));
        }
        return fields.build();
    }

    /**
     * These fields and one more, {@code name: value}, after them.
     *
     * @throws IllegalArgumentException if {@code name} is not a token (RFC 9110: letters, digits
     *         and {@code !#$%&'*+-.^_`|~}) or {@code value} holds a control character other than a
     *         tab (a CR or LF in a value would let it start a field of its own)
     */
    public Headers with(String name, String value) {
        Builder builder = new Builder(size / 2 + 1);
        builder.fields = Arrays.copyOf(fields, Math.max(fields.length, size + 2));
        builder.size = size;
        return builder.add(checkName(name), checkValue(name, value)).build();
    }

    /** The value of the first field named {@code name} (in any case), or {@code null} if none is. */
    public String first(String name) {
        Objects.requireNonNull(name, "name is null; pass a header name such as \"Content-Type\"");
        for (int i = 0; i < size; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                return fields[i + 1];
            }
        }
        return null;
    }

    /** The values of every field named {@code name} (in any case), in order; empty if none is. */
    public List<String> all(String name) {
        Objects.requireNonNull(name, "name is null; pass a header name such as \"Accept\"");
        List<String> values = new ArrayList<>(1);
        for (int i = 0; i < size; i += 2) {
            if (fields[i].equalsIgnoreCase(name)) {
                values.add(fields[i + 1]);
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** Whether a field is named {@code name}, in any case. */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /** The names of the fields, in lower case, each once, in the order they first came. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i += 2) {
            names.add(fields[i].toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(names);
    }

    /** The number of fields, repeated names counted each time. */
    public int size() {
        return size / 2;
    }

    /** The name of field {@code index} (0 is the first), as it came. */
    public String name(int index) {
        return fields[Objects.checkIndex(index, size / 2) * 2];
    }

    /** The value of field {@code index} (0 is the first). */
    public String value(int index) {
        return fields[Objects.checkIndex(index, size / 2) * 2 + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && size == h.size
                && Arrays.equals(fields, 0, size, h.fields, 0, h.size);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + fields[i].hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < size; i += 2) {
            text.append(i == 0 ? "" : ", ").append(fields[i]).append(": ").append(fields[i + 1]);
        }
        return text.append('}').toString();
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "header name is null; pass a name such as \"Content-Type\"");
        if (name.isEmpty() || !HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a header name: use letters, digits and !#$%&'*+-.^_`|~");
        }
        return name;
    }

    static String checkValue(String name, String value) {
        Objects.requireNonNull(value, () -> "the value of header " + name + " is null; pass a value, or leave the header out");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("the value of header " + name + " holds character U+"
                        + String.format("%04X", (int) c) + " at " + i + "; a header value holds no control"
                        + " character but tab (a CR or LF would start a field of its own) and only Latin-1");
            }
        }
        return value;
    }

    /** Collects fields read off the wire, already checked by the parser; not thread-safe. */
    static final class Builder {
        private String[] fields;
        private int size;

        Builder(int expectedFields) {
            fields = new String[Math.max(2, expectedFields * 2)];
        }

        Builder add(String name, String value) {
            if (size == fields.length) {
                fields = Arrays.copyOf(fields, fields.length * 2);
            }
            fields[size++] = name;
            fields[size++] = value;
            return this;
        }

        int count() {
            return size / 2;
        }

        Headers build() {
            return size == 0 ? EMPTY : new Headers(fields, size);
        }
    }
}
