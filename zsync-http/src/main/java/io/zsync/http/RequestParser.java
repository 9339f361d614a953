package io.zsync.http;

import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Reads a request's head off a connection and frames its body (RFC 9112, sections 3 and 6), as
 * strictly as {@link HeadReader}: a message whose length two parsers could read differently is
 * refused with 400, never guessed at. That covers {@code Content-Length} with
 * {@code Transfer-Encoding}, a repeated or listed {@code Content-Length}, a transfer coding other
 * than {@code chunked} alone, and a missing or repeated {@code Host}.
 */
final class RequestParser {

    private final HeadReader heads;
    private final long maxBodyBytes;

    RequestParser(ServerOptions options) {
        this.heads = HeadReader.ofRequests(options.maxRequestLineBytes(), options.maxHeaderBytes(), options.maxHeaderCount());
        this.maxBodyBytes = options.maxBodyBytes();
    }

    /** A request whose body reads from {@code in}; {@code null} if the stream ended before one began. */
    ParsedRequest read(Reader in, Writer out, InetSocketAddress remote) throws IOException {
        String line = heads.startLine(in);
        if (line == null) {
            return null;
        }
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw new HttpProtocolException(400, "the request line is not method SP target SP version");
        }
        String method = line.substring(0, sp1);
        String target = line.substring(sp1 + 1, sp2);
        String version = version(line.substring(sp2 + 1));
        if (!HttpSyntax.isToken(method)) {
            throw new HttpProtocolException(400, "the method is not a token");
        }
        if (target.isEmpty() || target.indexOf('\t') >= 0 || hasNonAscii(target)) {
            throw new HttpProtocolException(400, "the request target is empty or holds a tab or a byte outside ASCII");
        }
        Headers fields = heads.fields(in);
        boolean http11 = version.equals("HTTP/1.1");
        FramingFields framing = FramingFields.of(fields);
        if (http11 && framing.hosts != 1 || framing.hosts > 1) {
            throw new HttpProtocolException(400, framing.hosts == 0 ? "an HTTP/1.1 request without Host" : "more than one Host");
        }
        String rawPath = rawPath(method, target);
        int q = target.indexOf('?');
        String query = q < 0 ? null : target.substring(q + 1);
        long length = bodyLength(framing, http11);
        Reader body = length == 0 ? null
                : length > 0 ? Reader.limited(in, length)
                : new ChunkedBodyReader(in, maxBodyBytes, heads, 413);
        if (framing.expect != null) {
            if (!framing.expect.equalsIgnoreCase("100-continue")) {
                throw new HttpProtocolException(417, "the only expectation served is 100-continue, not '" + framing.expect + "'");
            }
            if (http11 && body != null) {
                body = new ContinueReader(body, out);
            }
        }
        Request request = new Request(method, target, HttpSyntax.decodePath(rawPath), query, version, fields,
                body, length, remote);
        return new ParsedRequest(request, body, HttpSyntax.keepAlive(framing.connectionOptions, http11));
    }

    /** The body's framing: its length, 0 for none, or -1 for chunked. */
    private long bodyLength(FramingFields framing, boolean http11) throws HttpProtocolException {
        if (framing.codings > 0) {
            if (framing.lengths > 0) {
                throw new HttpProtocolException(400, "both Content-Length and Transfer-Encoding: refused, as a"
                        + " request smuggling attempt would send them");
            }
            if (!http11) {
                throw new HttpProtocolException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            if (framing.codings > 1) {
                throw new HttpProtocolException(400, "more than one Transfer-Encoding field");
            }
            String coding = framing.coding;
            if (!coding.equalsIgnoreCase("chunked")) {
                boolean chunkedLast = coding.toLowerCase(java.util.Locale.ROOT).matches(".*,\\s*chunked");
                throw new HttpProtocolException(chunkedLast ? 501 : 400, "the transfer coding '" + coding
                        + "' is not served; only chunked alone is");
            }
            return -1;
        }
        if (framing.lengths == 0) {
            return 0;
        }
        if (framing.lengths > 1) {
            throw new HttpProtocolException(400, "more than one Content-Length: refused, as a request smuggling attempt would send them");
        }
        long length = HttpSyntax.parseLength(framing.length);
        if (length < 0) {
            throw new HttpProtocolException(400, "Content-Length '" + framing.length + "' is not a decimal length");
        }
        if (length > maxBodyBytes) {
            throw new HttpProtocolException(413, "the body of " + length + " bytes is larger than the limit of " + maxBodyBytes);
        }
        return length;
    }

    private static String version(String version) throws HttpProtocolException {
        if (version.equals("HTTP/1.1") || version.equals("HTTP/1.0")) {
            return version;
        }
        if (version.length() == 8 && version.startsWith("HTTP/") && Character.isDigit(version.charAt(5))
                && version.charAt(6) == '.' && Character.isDigit(version.charAt(7))) {
            throw new HttpProtocolException(505, "version " + version + " is not served; HTTP/1.1 and HTTP/1.0 are");
        }
        throw new HttpProtocolException(400, "the request line does not end in an HTTP version");
    }

    private static String rawPath(String method, String target) throws HttpProtocolException {
        if (target.charAt(0) == '/') {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }
        if (target.equals("*") && method.equals("OPTIONS")) {
            return "*";
        }
        if (target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8)) {
            try {
                String path = new URI(target).getRawPath();
                return path == null || path.isEmpty() ? "/" : path;
            } catch (URISyntaxException e) {
                throw new HttpProtocolException(400, "the absolute request target is not a URI: " + e.getReason());
            }
        }
        throw new HttpProtocolException(400, "the request target is neither a path nor an absolute URI");
    }

    private static boolean hasNonAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e) {
                return true;
            }
        }
        return false;
    }

    /** A request, the body reader the server drains after it, and whether the connection stays open. */
    record ParsedRequest(Request request, Reader body, boolean keepAlive) {
    }
}
