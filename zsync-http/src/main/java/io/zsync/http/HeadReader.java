package io.zsync.http;

import io.zsync.io.Reader;
import io.zsync.io.StreamTooLongException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the head of a message, a start line and header fields, off a {@link Reader}, strictly:
 * every line ends in CRLF, a field is {@code token ":" OWS value OWS}, no folded lines, no
 * whitespace before the colon, no control character in a value. Whatever a lenient parser would
 * read differently from a strict one is refused, because that difference is what request
 * smuggling lives on. Limits bound every byte it keeps.
 */
final class HeadReader {

    /** Empty lines skipped before a request line (RFC 9112, section 2.2: at least one). */
    private static final int MAX_LEADING_EMPTY_LINES = 4;

    private final int maxStartLineBytes;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    /** The status of a start line over its limit: 414 for a request line, 502 for a status line. */
    private final int startLineTooLongStatus;
    /** The status of fields over their limits: 431 for a request, 502 for a response. */
    private final int fieldsTooLargeStatus;
    /** The status of a malformed message: 400 for a request, 502 for a response. */
    private final int malformedStatus;

    private HeadReader(int maxStartLineBytes, int maxHeaderBytes, int maxHeaderCount, int startLineTooLongStatus,
            int fieldsTooLargeStatus, int malformedStatus) {
        this.maxStartLineBytes = maxStartLineBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxHeaderCount = maxHeaderCount;
        this.startLineTooLongStatus = startLineTooLongStatus;
        this.fieldsTooLargeStatus = fieldsTooLargeStatus;
        this.malformedStatus = malformedStatus;
    }

    /** A reader of requests, whose errors are the statuses a server answers them with. */
    static HeadReader ofRequests(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount) {
        return new HeadReader(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, 414, 431, 400);
    }

    /** A reader of responses, whose errors are all 502 (a bad gateway: the server broke the protocol). */
    static HeadReader ofResponses(int maxStatusLineBytes, int maxHeaderBytes, int maxHeaderCount) {
        return new HeadReader(maxStatusLineBytes, maxHeaderBytes, maxHeaderCount, 502, 502, 502);
    }

    /** The status of a malformed message on this side: what the body readers throw too. */
    int malformedStatus() {
        return malformedStatus;
    }

    /**
     * The start line, without its CRLF, as Latin-1; or {@code null} if the stream ended cleanly
     * before its first byte (the peer closed an idle connection).
     */
    String startLine(Reader in) throws IOException {
        for (int empty = 0; ; empty++) {
            ByteBuffer line;
            try {
                line = in.takeDelimiterExclusive('\n', maxStartLineBytes + 1);
            } catch (StreamTooLongException e) {
                throw new HttpProtocolException(startLineTooLongStatus,
                        "the start line is longer than " + maxStartLineBytes + " bytes");
            }
            if (line == null) {
                return null;
            }
            if (!endsInCr(line)) {
                throw new HttpProtocolException(malformedStatus, "the start line does not end in CRLF");
            }
            if (line.remaining() > 1) {
                line.limit(line.limit() - 1);
                return checkedLine(line, "start line");
            }
            if (empty == MAX_LEADING_EMPTY_LINES) {
                throw new HttpProtocolException(malformedStatus, "more than " + MAX_LEADING_EMPTY_LINES + " empty lines before the start line");
            }
        }
    }

    /** The header fields up to the empty line that ends the head, which it consumes. */
    Headers fields(Reader in) throws IOException {
        Headers.Builder fields = new Headers.Builder(8);
        int budget = maxHeaderBytes;
        while (true) {
            ByteBuffer line;
            try {
                line = in.takeDelimiterInclusive('\n', budget);
            } catch (StreamTooLongException e) {
                throw new HttpProtocolException(fieldsTooLargeStatus, "the header fields are longer than " + maxHeaderBytes + " bytes");
            } catch (EOFException e) {
                throw new HttpProtocolException(malformedStatus, "the stream ended inside the header fields");
            }
            budget -= line.remaining();
            line.limit(line.limit() - 1);
            if (!endsInCr(line)) {
                throw new HttpProtocolException(malformedStatus, "a header line does not end in CRLF");
            }
            line.limit(line.limit() - 1);
            if (!line.hasRemaining()) {
                return fields.build();
            }
            if (fields.count() == maxHeaderCount) {
                throw new HttpProtocolException(fieldsTooLargeStatus, "more than " + maxHeaderCount + " header fields");
            }
            addField(fields, line);
        }
    }

    private void addField(Headers.Builder fields, ByteBuffer line) throws HttpProtocolException {
        int start = line.position();
        int end = line.limit();
        int first = line.get(start);
        if (first == ' ' || first == '\t') {
            throw new HttpProtocolException(malformedStatus, "a folded header line (obs-fold) is refused");
        }
        int colon = start;
        while (colon < end && HttpSyntax.isTokenByte(line.get(colon))) {
            colon++;
        }
        if (colon == start || colon == end || line.get(colon) != ':') {
            throw new HttpProtocolException(malformedStatus, colon < end && (line.get(colon) == ' ' || line.get(colon) == '\t')
                    ? "whitespace between a header name and its colon is refused"
                    : "a header line is not name \":\" value");
        }
        int valueStart = colon + 1;
        int valueEnd = end;
        while (valueStart < valueEnd && isWhitespace(line.get(valueStart))) {
            valueStart++;
        }
        while (valueEnd > valueStart && isWhitespace(line.get(valueEnd - 1))) {
            valueEnd--;
        }
        for (int i = valueStart; i < valueEnd; i++) {
            int b = line.get(i) & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw new HttpProtocolException(malformedStatus, String.format("a header value holds control byte 0x%02x", b));
            }
        }
        fields.add(HttpSyntax.latin1(line.slice(start, colon - start)),
                HttpSyntax.latin1(line.slice(valueStart, valueEnd - valueStart)));
    }

    private String checkedLine(ByteBuffer line, String what) throws HttpProtocolException {
        for (int i = line.position(); i < line.limit(); i++) {
            int b = line.get(i) & 0xff;
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw new HttpProtocolException(malformedStatus, String.format("the %s holds control byte 0x%02x", what, b));
            }
        }
        return HttpSyntax.latin1(line);
    }

    private static boolean endsInCr(ByteBuffer line) {
        return line.hasRemaining() && line.get(line.limit() - 1) == '\r';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }
}
