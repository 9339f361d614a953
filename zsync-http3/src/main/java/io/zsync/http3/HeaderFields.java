package io.zsync.http3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The header fields of a request or response as this package hands them out: names lower-cased
 * (HTTP/3 sends no upper-case name, RFC 9114 section 4.2), in the order first seen, each with its
 * values in order; unmodifiable once {@linkplain #freeze frozen}. Pseudo-headers ({@code :path},
 * {@code :status}) are not header fields here: the request and response types carry them as
 * methods.
 */
final class HeaderFields {

    /**
     * Connection-specific fields, which an HTTP/3 message must not carry (RFC 9114 section 4.2):
     * QUIC does what they did.
     */
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    private HeaderFields() {}

    /** A copy of {@code fields} with {@code value} added to {@code name}'s values, frozen. */
    static Map<String, List<String>> with(Map<String, List<String>> fields, String name, String value) {
        Objects.requireNonNull(name, "name is null; pass a header name such as \"accept\"");
        Objects.requireNonNull(value, "value is null; pass the header's value (an empty string is allowed)");
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.startsWith(":") || !isToken(lower)) {
            throw new IllegalArgumentException("'" + name + "' is not a header name: use letters, digits and"
                    + " !#$%&'*+-.^_`|~ (pseudo-headers such as :path are set by the request or response itself)");
        }
        if (CONNECTION_SPECIFIC.contains(lower)) {
            throw new IllegalArgumentException("'" + name + "' is connection-specific and HTTP/3 forbids it"
                    + " (RFC 9114 section 4.2): QUIC does its job, leave it out");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the value of '" + name + "' holds CR, LF or NUL, which no field value may");
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((n, values) -> copy.put(n, new ArrayList<>(values)));
        copy.computeIfAbsent(lower, n -> new ArrayList<>()).add(value);
        return freeze(copy);
    }

    /** {@code fields}, whose lists nobody else holds, made unmodifiable throughout. */
    static Map<String, List<String>> freeze(Map<String, List<String>> fields) {
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        fields.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(frozen);
    }

    /** The first value of {@code name} (any case) in {@code fields}, or {@code null}. */
    static String first(Map<String, List<String>> fields, String name) {
        Objects.requireNonNull(name, "name is null; pass a header name such as \"content-type\"");
        List<String> values = fields.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
