package io.zsync.http;

/** One {@code Range: bytes=...} of a file (RFC 9110, section 14), as the first and last byte. */
final class ByteRange {

    /** The range asks for no byte of the file: 416. */
    static final long[] UNSATISFIABLE = new long[0];
    /** No single byte range to serve (absent, malformed, several, or another unit): the whole file. */
    static final long[] WHOLE = new long[0];

    private ByteRange() {
    }

    /** The first and last byte {@code header} asks of a file of {@code size} bytes, or one of the constants. */
    static long[] parse(String header, long size) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return WHOLE;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        long first = dash == 0 ? -1 : HttpSyntax.parseLength(spec.substring(0, dash).trim());
        long last = dash == spec.length() - 1 ? -1 : HttpSyntax.parseLength(spec.substring(dash + 1).trim());
        if (dash == 0) {
            if (last <= 0) {
                return last == 0 ? UNSATISFIABLE : WHOLE;
            }
            return size == 0 ? UNSATISFIABLE : new long[] {Math.max(0, size - last), size - 1};
        }
        if (first < 0 || (dash != spec.length() - 1 && last < 0)) {
            return WHOLE;
        }
        if (last >= 0 && last < first) {
            return WHOLE;
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new long[] {first, last < 0 ? size - 1 : Math.min(last, size - 1)};
    }
}
