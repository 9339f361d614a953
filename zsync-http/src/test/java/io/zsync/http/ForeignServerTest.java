package io.zsync.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import io.zsync.Io;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** zsync's client, in a task, against servers that are not ours: the JDK's HttpServer and Debian's nginx. */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class ForeignServerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void againstTheJdkHttpServerKeepAliveAndChunkedBothWays(String backend) throws Exception {
        com.sun.net.httpserver.HttpServer jdk = com.sun.net.httpserver.HttpServer.create(HttpServerTest.ANY_PORT, 64);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        jdk.setExecutor(threads);
        jdk.createContext("/echo", ForeignServerTest::echoChunked);
        jdk.start();
        try (Io io = HttpServerTest.open(backend); HttpClient client = HttpClient.open(io)) {
            URI uri = URI.create("http://127.0.0.1:" + jdk.getAddress().getPort() + "/echo");
            io.async(() -> {
                for (int i = 0; i < 20; i++) {
                    byte[] body = ("request " + i).getBytes();
                    try (ClientResponse response = client.send(ClientRequest.post(uri, body))) {
                        assertEquals("chunked", response.header("Transfer-Encoding"));
                        assertArrayEquals(body, response.bodyBytes());
                    }
                }
                byte[] big = HttpServerTest.pattern(500_000);
                byte[] echoed = client.send(ClientRequest.of("POST", uri).body(-1, out -> out.write(big))).bodyBytes();
                assertArrayEquals(big, echoed, "a chunked request body, decoded by the JDK, echoed chunked");
                return null;
            }).await();
            assertEquals(1, client.connectionsOpened(), "the JDK server kept the connection alive");
            assertEquals(20, client.connectionsReused());
        } finally {
            jdk.stop(0);
            threads.close();
        }
    }

    private static void echoChunked(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            byte[] body = in.readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            out.write(body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void againstNginxFilesRangesAndKeepAlive(String backend) throws Exception {
        Path nginx = ExternalProgram.require("nginx");
        Path root = Files.createDirectories(dir.resolve("www"));
        byte[] file = HttpServerTest.pattern(3 << 20);
        Files.write(root.resolve("big.bin"), file);
        int port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s;
                    proxy_temp_path %1$s;
                    fastcgi_temp_path %1$s;
                    uwsgi_temp_path %1$s;
                    scgi_temp_path %1$s;
                    keepalive_requests 1000;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                    }
                }
                """.formatted(dir, port, root));
        Process server = new ProcessBuilder(nginx.toString(), "-c", conf.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        try (Io io = HttpServerTest.open(backend); HttpClient client = HttpClient.open(io)) {
            awaitListening(port, server);
            URI uri = URI.create("http://127.0.0.1:" + port + "/big.bin");
            io.async(() -> {
                for (int i = 0; i < 10; i++) {
                    assertArrayEquals(file, client.send(ClientRequest.get(uri)).bodyBytes());
                }
                try (ClientResponse range = client.send(ClientRequest.get(uri).header("Range", "bytes=1000-1999"))) {
                    assertEquals(206, range.status());
                    assertArrayEquals(Arrays.copyOfRange(file, 1000, 2000), range.bodyBytes());
                }
                try (ClientResponse missing = client.send(ClientRequest.get(uri.resolve("/none")))) {
                    assertEquals(404, missing.status());
                    missing.bodyBytes();
                }
                return null;
            }).await();
            assertEquals(1, client.connectionsOpened(), "nginx kept the one connection alive");
            assertEquals(11, client.connectionsReused());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, HttpServerTest.ANY_PORT.getAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Waits (bounded) until nginx accepts connections, or fails with its output. */
    private void awaitListening(int port, Process server) throws Exception {
        for (int attempt = 0; attempt < 500; attempt++) {
            if (!server.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(HttpServerTest.ANY_PORT.getAddress(), port), 100);
                return;
            } catch (IOException notYet) {
                server.waitFor(10, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + ": " + List.of(Files.readString(dir.resolve("nginx.out"))));
    }
}
