package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every in-process echo server the bench measures must do: the JDK baseline and zsync's, on each backend that can serve. */
class EchoServerContractTest {

    static Stream<Named<Supplier<EchoServer>>> servers() {
        return Stream.of(
                Named.of("jdk-virtual", JdkEchoServer::new),
                Named.of("zsync-virtual", () -> new ZsyncEchoServer("virtual")),
                Named.of("zsync-threaded", () -> new ZsyncEchoServer("threaded")),
                Named.of("zsync-evented", () -> new ZsyncEchoServer("evented")));
    }


    /** Bounds every read, so that a server that does not echo fails the test instead of hanging it. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    @ParameterizedTest
    @MethodSource("servers")
    void echoes_every_byte_in_order_on_each_connection_also_across_its_buffer_size(Supplier<EchoServer> servers)
            throws Exception {
        try (EchoServer server = servers.get()) {
            int port = server.start();
            try (Socket first = connect(port); Socket second = connect(port)) {
                Random random = new Random(42);
                for (int size : new int[] {1, 64, 4095, 4096, 4097, 20_000}) {
                    byte[] sent = new byte[size];
                    random.nextBytes(sent);
                    // Interleaved on two connections: each gets back its own bytes, not the other's.
                    first.getOutputStream().write(sent);
                    second.getOutputStream().write(reversed(sent));
                    assertArrayEquals(sent, first.getInputStream().readNBytes(size), "size " + size);
                    assertArrayEquals(reversed(sent), second.getInputStream().readNBytes(size), "size " + size);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void close_closes_open_connections_and_releases_the_port(Supplier<EchoServer> servers) throws Exception {
        EchoServer server = servers.get();
        int port = server.start();
        try (Socket client = connect(port)) {
            client.getOutputStream().write(7);
            assertEquals(7, client.getInputStream().read(), "served before close");

            server.close();

            assertEquals(-1, client.getInputStream().read(), "the server closed the connection");
            assertThrows(ConnectException.class, () -> connect(port).close());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void a_server_starts_once(Supplier<EchoServer> servers) throws Exception {
        try (EchoServer server = servers.get()) {
            server.start();
            assertThrows(IllegalStateException.class, server::start);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return reversed;
    }
}
