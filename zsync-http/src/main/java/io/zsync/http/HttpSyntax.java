package io.zsync.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The bits of HTTP/1.1 syntax (RFC 9110, RFC 9112) the server and the client share. */
final class HttpSyntax {

    static final byte[] CRLF = {'\r', '\n'};
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** tchar of RFC 9110, section 5.6.2, by ASCII code. */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpSyntax() {
    }

    static boolean isToken(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    static boolean isTokenByte(int b) {
        return b >= 0 && b < 128 && TCHAR[b];
    }

    /** {@code value} as a non-negative decimal of at most 18 digits, or -1 if it is not one. */
    static long parseLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** In {@link #connectionOptions}: the {@code close} option. */
    static final int CLOSE = 1;
    /** In {@link #connectionOptions}: the {@code keep-alive} option. */
    static final int KEEP_ALIVE = 2;

    /** The options of a {@code Connection} field's value that decide persistence, as {@link #CLOSE} and {@link #KEEP_ALIVE} bits. */
    static int connectionOptions(String value) {
        int options = 0;
        for (String token : value.split(",")) {
            String t = token.trim();
            options |= t.equalsIgnoreCase("close") ? CLOSE : t.equalsIgnoreCase("keep-alive") ? KEEP_ALIVE : 0;
        }
        return options;
    }

    /**
     * Whether a message with {@code Connection} options {@code options} leaves its connection open
     * (RFC 9112, section 9.3): in HTTP/1.1 unless {@code close}, in HTTP/1.0 only with {@code keep-alive}.
     */
    static boolean keepAlive(int options, boolean http11) {
        return (options & CLOSE) == 0 && (http11 || (options & KEEP_ALIVE) != 0);
    }

    /** An HTTP date (IMF-fixdate), as in {@code Date} and {@code Last-Modified}. */
    static String date(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** The reason phrase of {@code status}, or an empty one for a code without a common phrase. */
    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }

    /**
     * {@code raw}, a path as sent, percent-decoded as UTF-8 ({@code +} stays a plus).
     *
     * @throws HttpProtocolException (400) for a {@code %} not followed by two hex digits, or an
     *         encoded NUL
     */
    static String decodePath(String raw) throws HttpProtocolException {
        int percent = raw.indexOf('%');
        if (percent < 0) {
            return raw;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
            if (low < 0) {
                throw new HttpProtocolException(400, "the path has a % not followed by two hex digits");
            }
            int b = high * 16 + low;
            if (b == 0) {
                throw new HttpProtocolException(400, "the path has an encoded NUL (%00)");
            }
            bytes.write(b);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Latin-1 bytes as a string: header bytes are octets, and a string of them round-trips. */
    static String latin1(java.nio.ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return new String(copy, StandardCharsets.ISO_8859_1);
    }
}
