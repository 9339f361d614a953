package io.zsync.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code jdk-httpserver} peer of the HTTP bench: the JDK's own {@code com.sun.net.httpserver}
 * answering {@code GET /plaintext}, each exchange on a virtual thread of its own, the baseline
 * every Java user already has.
 */
final class JdkPlaintextServer implements LoopbackServer {

    private static final int BACKLOG = 1024;
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    /** A server that will listen on {@code port} (0: any free port), not started. */
    JdkPlaintextServer(int port) {
        this.port = port;
    }

    @Override
    public int start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("this JDK HttpServer was started already");
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/plaintext", JdkPlaintextServer::plaintext);
        server.start();
        return server.getAddress().getPort();
    }

    private static void plaintext(HttpExchange exchange) throws IOException {
        try (exchange; OutputStream body = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, BODY.length);
            body.write(BODY);
        }
    }

    /** Stops at once, closing every connection, and waits for the exchanges' threads to end. */
    @Override
    public void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.close();
    }
}
