package io.zsync.bench;

import io.zsync.Io;
import io.zsync.http.HttpServer;
import io.zsync.http.Response;
import io.zsync.http.Router;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The {@code zsync-virtual} and {@code zsync-evented} contenders of the HTTP bench: zsync's
 * {@link HttpServer} on that backend, with a {@link Router} answering {@code GET /plaintext}, as a
 * user writes it; the same code on every backend.
 */
final class ZsyncPlaintextServer implements LoopbackServer {

    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private final String backend;
    private final int port;
    private Io io;
    private HttpServer server;

    /** A server on the backend called {@code backend} that will listen on {@code port} (0: any free port), not started. */
    ZsyncPlaintextServer(String backend, int port) {
        this.backend = backend;
        this.port = port;
    }

    @Override
    public int start() throws IOException {
        if (io != null) {
            throw new IllegalStateException("this zsync HTTP server was started already");
        }
        io = Io.open(backend);
        Router router = Router.create()
                .get("/plaintext", request -> Response.of(200).contentType("text/plain").body(BODY));
        server = HttpServer.start(io, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), router);
        return server.port();
    }

    /** Closes the server (gracefully: the requests in flight finish), then its {@code Io}. */
    @Override
    public void close() {
        if (io == null) {
            return;
        }
        try (Io started = io) {
            if (server != null) {
                server.close();
            }
        }
    }
}
