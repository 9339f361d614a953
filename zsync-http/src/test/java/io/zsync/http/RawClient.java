package io.zsync.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A JDK socket that writes raw bytes and reads responses with a parser of its own, independent
 * of the code under test: the oracle for the server's wire format. Blocking, on the test thread.
 */
final class RawClient implements AutoCloseable {

    /** A response as read off the wire. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads {@code in} up to and including the CRLFCRLF that ends a head: a scripted server's request reading. */
    static void skipHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    /** Ends what this client sends (a half-close): the server sees the end of the stream. */
    RawClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Reads everything until the server closes (bounded by the socket's read timeout). */
    byte[] drain() throws IOException {
        return in.readAllBytes();
    }

    /** Reads one response; {@code head} for a response to HEAD (no body whatever its length). */
    Reply read(boolean head) throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not a status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; !(line = line()).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (head || status == 204 || status == 304 || status < 200) {
            return new Reply(status, headers, new byte[0]);
        }
        if ("chunked".equals(headers.get("transfer-encoding"))) {
            for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailer fields
            }
        } else if (length != null) {
            byte[] bytes = in.readNBytes(Integer.parseInt(length));
            body.write(bytes);
        } else {
            body.write(in.readAllBytes());
        }
        return new Reply(status, headers, body.toByteArray());
    }

    Reply read() throws IOException {
        return read(false);
    }

    /** Whether the server closed the connection: the next read is the end of the stream. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // a reset is a close too
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("the server closed the connection mid-line: " + line);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r")) {
            throw new IOException("a line without CR: " + text);
        }
        return text.substring(0, text.length() - 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
