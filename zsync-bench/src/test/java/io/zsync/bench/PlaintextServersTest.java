package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every Java server of the HTTP bench must answer, on keep-alive connections, pipelined too. */
class PlaintextServersTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String REQUEST = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    @ParameterizedTest
    @ValueSource(strings = {PlaintextServers.ZSYNC_VIRTUAL, PlaintextServers.ZSYNC_EVENTED, PlaintextServers.NETTY_EPOLL,
            PlaintextServers.NETTY_IO_URING, PlaintextServers.JDK})
    void answers_plaintext_requests_one_by_one_and_pipelined_on_one_connection(String name) throws Exception {
        try (LoopbackServer server = PlaintextServers.inProcess(name, 0)) {
            int port = server.start();
            try (Socket connection = connect(port)) {
                InputStream in = new BufferedInputStream(connection.getInputStream());
                connection.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
                assertPlaintext(in);
                connection.getOutputStream().write(REQUEST.repeat(16).getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 16; i++) {
                    assertPlaintext(in);
                }
            }
        }
    }

    @Test
    void a_server_in_a_process_of_its_own_answers_and_is_killed_on_close() throws Exception {
        Contender jdk = PlaintextServers.java(PlaintextServers.JDK);
        int port;
        try (LoopbackServer server = jdk.servers().get()) {
            port = server.start();
            try (Socket connection = connect(port)) {
                connection.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
                assertPlaintext(new BufferedInputStream(connection.getInputStream()));
            }
        }
        assertThrows(java.net.ConnectException.class, () -> connect(port).close());
    }

    @Test
    void there_is_no_java_server_of_another_name() {
        assertThrows(IllegalArgumentException.class, () -> PlaintextServers.inProcess("go", 0));
    }

    /** Reads one response and checks it: 200, text/plain, Content-Length 13, Hello, World!, kept alive. */
    static void assertPlaintext(InputStream in) throws IOException {
        String status = line(in);
        assertEquals("HTTP/1.1 200 OK", status);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        assertTrue(headers.getOrDefault("content-type", "").startsWith("text/plain"), headers::toString);
        assertEquals("13", headers.get("content-length"), headers::toString);
        assertTrue(!"close".equalsIgnoreCase(headers.get("connection")), headers::toString);
        assertEquals("Hello, World!", new String(in.readNBytes(13), StandardCharsets.US_ASCII));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection after '" + line + "'");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }
}
