package io.zsync.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server on every backend with concurrency, read through {@link RawClient} (a JDK socket and
 * a parser of its own) and through zsync's {@link HttpClient} in a task.
 */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class HttpServerTest {

    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    static Router routes() {
        return Router.create()
                .get("/plaintext", request -> Response.text("Hello, World!"))
                .get("/users/{id}", request -> Response.text("user " + request.pathParam("id")))
                .post("/echo", request -> Response.of(200).body(request.bodyBytes()))
                .post("/echo-chunked", request -> {
                    byte[] body = request.bodyBytes();
                    return Response.of(200).body(-1, out -> {
                        for (int i = 0; i < body.length; i += 1000) {
                            out.write(body, i, Math.min(1000, body.length - i));
                        }
                    });
                })
                .get("/stream", request -> {
                    int n = Integer.parseInt(request.queryParam("n"));
                    return Response.of(200).body(-1, out -> out.write(pattern(n)));
                })
                .get("/fail", request -> {
                    throw new IllegalStateException("planted");
                });
    }

    /** The backend; {@code threaded} with threads enough for a task per connection and per client call. */
    static Io open(String backend) {
        return backend.equals("threaded") ? Io.open(backend, IoOptions.defaults().threads(256)) : Io.open(backend);
    }

    static byte[] pattern(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void keepAliveServesManyRequestsOnOneConnectionAndPipelinedOnesInOrder(String backend) throws IOException {
        try (Io io = open(backend); HttpServer server = HttpServer.start(io, ANY_PORT, routes());
                RawClient raw = new RawClient(server.port())) {
            for (int i = 0; i < 20; i++) {
                RawClient.Reply reply = raw.send("GET /users/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertEquals(200, reply.status());
                assertEquals("user " + i, reply.text());
                assertNull(reply.header("Connection"));
            }
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                pipelined.append("GET /users/p").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            raw.send(pipelined.toString());
            for (int i = 0; i < 16; i++) {
                assertEquals("user p" + i, raw.read().text());
            }
            assertEquals(1, server.connectionsAccepted());
            assertEquals(36, server.requestsServed());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void chunkedBodiesBothWaysAndHead(String backend) throws IOException {
        try (Io io = open(backend); HttpServer server = HttpServer.start(io, ANY_PORT, routes());
                RawClient raw = new RawClient(server.port())) {
            RawClient.Reply echoed = raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: t\r\n\r\n").read();
            assertEquals("hello, world", echoed.text());
            assertEquals("12", echoed.header("Content-Length"));
            RawClient.Reply streamed = raw.send("GET /stream?n=100000 HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals("chunked", streamed.header("Transfer-Encoding"));
            assertArrayEquals(pattern(100_000), streamed.body());
            RawClient.Reply head = raw.send("HEAD /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertEquals("13", head.header("Content-Length"));
            assertEquals("user 1", raw.send("GET /users/1 HTTP/1.1\r\nHost: x\r\n\r\n").read().text(),
                    "the HEAD response had no body on the wire");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void expectContinueIsAnsweredWhenTheHandlerReadsTheBody(String backend) throws IOException {
        try (Io io = open(backend); HttpServer server = HttpServer.start(io, ANY_PORT, routes());
                RawClient raw = new RawClient(server.port())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertEquals(100, raw.read().status());
            assertEquals("ping", raw.send("ping").read().text());
            RawClient.Reply unread = raw.send("GET /plaintext HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                    + "Expect: 100-continue\r\n\r\n").read();
            assertEquals(200, unread.status(), "no 100 for a body nobody reads");
            assertEquals("close", unread.header("Connection"), "the unsent body would be read as the next request");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void limitsAndMalformedRequestsAreAnsweredWithTheirStatusAndClosed(String backend) throws IOException {
        ServerOptions options = ServerOptions.defaults().maxRequestLineBytes(100).maxHeaderBytes(200).maxHeaderCount(5)
                .maxBodyBytes(10);
        String longHeader = "X: " + "v".repeat(300) + "\r\n";
        String manyHeaders = "A: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n";
        List<String[]> cases = List.of(
                new String[] {"414", "GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"431", "GET / HTTP/1.1\r\nHost: x\r\n" + longHeader + "\r\n"},
                new String[] {"431", "GET / HTTP/1.1\r\nHost: x\r\n" + manyHeaders + "\r\n"},
                new String[] {"413", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n"},
                new String[] {"413", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n"},
                new String[] {"505", "GET / HTTP/2.0\r\nHost: x\r\n\r\n"},
                new String[] {"400", "GET / HTTP/1.1\r\n\r\n"},
                new String[] {"400", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"},
                new String[] {"400", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"400", "GET / HTTP/1.1\nHost: x\n\n"},
                new String[] {"400", "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n"},
                new String[] {"400", "GET / HTTP/1.1\r\nHost: x\r\nX : v\r\n\r\n"},
                new String[] {"400", "GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n folded\r\n\r\n"},
                new String[] {"400", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"417", "GET / HTTP/1.1\r\nHost: x\r\nExpect: coffee\r\n\r\n"},
                // Request smuggling: two framings, or two lengths, are refused rather than guessed.
                new String[] {"400", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
                new String[] {"400", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"},
                new String[] {"400", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc"},
                new String[] {"400", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc"},
                new String[] {"400", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
                new String[] {"400", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"},
                new String[] {"501", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"},
                new String[] {"400", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
                new String[] {"400", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"});
        try (Io io = open(backend); HttpServer server = HttpServer.start(io, ANY_PORT, routes(), options)) {
            for (String[] c : cases) {
                try (RawClient raw = new RawClient(server.port())) {
                    RawClient.Reply reply = raw.send(c[1]).read();
                    assertEquals(Integer.parseInt(c[0]), reply.status(), c[1]);
                    assertEquals("close", reply.header("Connection"), c[1]);
                    assertTrue(raw.closedByServer(), c[1]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void routingAnswers404And405AndAFailingHandler500(String backend) throws IOException {
        try (Io io = open(backend); HttpServer server = HttpServer.start(io, ANY_PORT, routes())) {
            try (RawClient raw = new RawClient(server.port())) {
                assertEquals(404, raw.send("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
                RawClient.Reply wrongMethod = raw.send("DELETE /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertEquals(405, wrongMethod.status());
                assertEquals("GET, HEAD", wrongMethod.header("Allow"));
                assertEquals("user a b", raw.send("GET /users/a%20b HTTP/1.1\r\nHost: x\r\n\r\n").read().text());
                RawClient.Reply failed = raw.send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertEquals(500, failed.status());
                assertTrue(raw.closedByServer());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void overTheConnectionCapANewConnectionGets503(String backend) throws IOException {
        try (Io io = open(backend);
                HttpServer server = HttpServer.start(io, ANY_PORT, routes(), ServerOptions.defaults().maxConnections(2));
                RawClient first = new RawClient(server.port()); RawClient second = new RawClient(server.port())) {
            assertEquals(200, first.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
            assertEquals(200, second.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
            try (RawClient third = new RawClient(server.port())) {
                assertEquals(503, third.read().status());
            }
            assertEquals(1, server.connectionsRefused());
            assertEquals(200, first.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void gracefulShutdownLetsARequestInFlightFinishAndClosesIdleConnections(String backend) throws Exception {
        try (Io io = open(backend)) {
            Event entered = io.event();
            Event release = io.event();
            Router router = routes().get("/slow", request -> {
                entered.set();
                release.await();
                return Response.text("finished");
            });
            HttpServer server = HttpServer.start(io, ANY_PORT, router, ServerOptions.defaults().shutdownGrace(Duration.ofMinutes(1)));
            try (RawClient idle = new RawClient(server.port()); RawClient busy = new RawClient(server.port())) {
                assertEquals(200, idle.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
                busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
                entered.await();
                try (Future<Void, RuntimeException> stopping = io.concurrent(() -> server.close())) {
                    assertTrue(idle.closedByServer(), "the idle connection is closed at once");
                    release.set();
                    RawClient.Reply reply = busy.read();
                    assertEquals("finished", reply.text());
                    assertEquals("close", reply.header("Connection"));
                    stopping.await();
                }
            }
            assertEquals(0, server.openConnections());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void pastTheGraceARequestStillRunningIsCanceled(String backend) throws IOException {
        try (Io io = open(backend)) {
            Event entered = io.event();
            Router router = routes().get("/forever", request -> {
                entered.set();
                io.event().await();
                return Response.text("never");
            });
            HttpServer server = HttpServer.start(io, ANY_PORT, router);
            try (RawClient busy = new RawClient(server.port())) {
                busy.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
                entered.await();
                server.shutdown(Duration.ofMillis(50));
                assertTrue(busy.closedByServer());
            }
            assertEquals(0, server.openConnections());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void aHeadTrickledSlowerThanTheHeaderTimeoutGets408WhileOthersAreServed(String backend) throws Exception {
        ServerOptions options = ServerOptions.defaults().headerTimeout(Duration.ofMillis(300));
        try (Io io = open(backend); HttpServer server = HttpServer.start(io, ANY_PORT, routes(), options)) {
            List<RawClient> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    slow.add(new RawClient(server.port()).send("GET /plaintext HTTP/1.1\r\nHo"));
                }
                try (RawClient other = new RawClient(server.port())) {
                    assertEquals(200, other.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
                }
                // Each slow client keeps sending a byte at a time: every read gets bytes, only the head's deadline ends it.
                for (RawClient s : slow) {
                    s.send("s");
                }
                for (RawClient s : slow) {
                    assertEquals(408, s.read().status());
                }
            } finally {
                for (RawClient s : slow) {
                    s.close();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void theZsyncClientInATaskReusesItsConnection(String backend) throws Exception {
        try (Io io = open(backend); HttpServer server = HttpServer.start(io, ANY_PORT, routes());
                HttpClient client = HttpClient.open(io)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            io.async(() -> {
                for (int i = 0; i < 50; i++) {
                    try (ClientResponse response = client.send(ClientRequest.get(base.resolve("/users/" + i)))) {
                        assertEquals("user " + i, response.bodyString());
                    }
                }
                byte[] big = pattern(300_000);
                byte[] echoed = client.send(ClientRequest.post(base.resolve("/echo-chunked"), big)).bodyBytes();
                assertArrayEquals(big, echoed);
                byte[] streamed = client.send(ClientRequest.of("POST", base.resolve("/echo"))
                        .body(-1, out -> out.write(big))).bodyBytes();
                assertArrayEquals(big, streamed);
                return null;
            }).await();
            assertEquals(1, client.connectionsOpened());
            assertEquals(51, client.connectionsReused());
            assertEquals(1, server.connectionsAccepted());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void manyTasksShareThePoolWithinItsCap(String backend) throws Exception {
        try (Io io = open(backend); HttpServer server = HttpServer.start(io, ANY_PORT, routes());
                HttpClient client = HttpClient.open(io, ClientOptions.defaults().maxConnectionsPerOrigin(4))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/plaintext");
            List<Future<String, IOException>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(io.concurrent(() -> client.send(ClientRequest.get(uri)).bodyString()));
            }
            for (String body : Future.awaitAll(calls)) {
                assertEquals("Hello, World!", body);
            }
            assertTrue(client.connectionsOpened() <= 4, client.toString());
            assertEquals(200, client.connectionsOpened() + client.connectionsReused());
        }
    }

    @Test
    void aPooledConnectionTheServerClosedIsNotReusedAndTheRequestSucceeds() throws Exception {
        try (Io io = open("virtual"); HttpClient client = HttpClient.open(io);
                java.net.ServerSocket scripted = new java.net.ServerSocket(0, 2, ANY_PORT.getAddress())) {
            // Each connection: one keep-alive answer, then the server closes it, as an idle timeout would.
            Thread server = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2; i++) {
                    try (java.net.Socket socket = scripted.accept()) {
                        RawClient.skipHead(socket.getInputStream());
                        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            URI uri = URI.create("http://127.0.0.1:" + scripted.getLocalPort() + "/");
            assertEquals("ok", client.send(ClientRequest.get(uri)).bodyString());
            assertEquals(1, client.idleConnections(), "kept alive, as the server said");
            assertEquals("ok", client.send(ClientRequest.get(uri)).bodyString(),
                    "the closed connection was dropped (by the check, or on its first write, then retried)");
            assertEquals(2, client.connectionsOpened());
            server.join();
        }
    }

    @Test
    void aCanceledExchangeClosesItsConnectionInsteadOfPoolingIt() throws Exception {
        try (Io io = Io.open("virtual")) {
            Event entered = io.event();
            Router router = routes().get("/hang", request -> {
                entered.set();
                io.event().await();
                return Response.text("never");
            });
            try (HttpServer server = HttpServer.start(io, ANY_PORT, router, ServerOptions.defaults().shutdownGrace(Duration.ZERO));
                    HttpClient client = HttpClient.open(io)) {
                URI base = URI.create("http://127.0.0.1:" + server.port());
                Future<ClientResponse, IOException> call = io.concurrent(() -> client.send(ClientRequest.get(base.resolve("/hang"))));
                entered.await();
                try {
                    call.cancel();
                    throw new AssertionError("the exchange ended without its response");
                } catch (CanceledException expected) {
                    assertEquals(0, client.idleConnections());
                }
                assertEquals("Hello, World!", client.send(ClientRequest.get(base.resolve("/plaintext"))).bodyString());
                assertEquals(2, client.connectionsOpened());
            }
        }
    }

    @Test
    void aResponsesFileIsClosedWhenTheConnectionIsCanceledBeforeTheResponseIsSent(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path root) throws Exception {
        java.nio.file.Files.writeString(root.resolve("a.txt"), "file");
        try (Io io = open("virtual")) {
            Event returned = io.event();
            StaticFiles files = StaticFiles.of(io, root);
            Router router = Router.create().get("/*", request -> {
                Response response = files.handle(request);
                returned.set();
                return response;
            });
            HttpServer server = HttpServer.start(io, ANY_PORT, router, ServerOptions.defaults().shutdownGrace(Duration.ZERO));
            try (RawClient raw = new RawClient(server.port())) {
                // A body the handler leaves unread, and never finished: the server waits for it before answering.
                raw.send("GET /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
                returned.await();
                server.shutdown(Duration.ZERO);
            }
        }
        // LeakCheck fails this test if the File that StaticFiles opened for the response was left open.
    }

    @Test
    void theClientRunsOnBlockingAndTheServerRefusesItClosingItsListener() throws Exception {
        try (Io serverIo = open("virtual"); Io blocking = Io.open("blocking");
                HttpServer server = HttpServer.start(serverIo, ANY_PORT, routes()); HttpClient client = HttpClient.open(blocking)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/plaintext");
            for (int i = 0; i < 3; i++) {
                assertEquals("Hello, World!", client.send(ClientRequest.get(uri)).bodyString());
            }
            assertEquals(1, client.connectionsOpened());
            assertThrowsNamed(io.zsync.ConcurrencyUnavailableException.class, "blocking",
                    () -> HttpServer.start(blocking, ANY_PORT, routes()));
            client.close();
            assertThrowsNamed(IllegalStateException.class, "closed", () -> client.send(ClientRequest.get(uri)));
        }
    }

    @Test
    void misuseIsRefusedWithErrorsThatSayWhatToDo() throws IOException {
        try (Io io = open("virtual"); HttpServer server = HttpServer.start(io, ANY_PORT, routes())) {
            assertThrowsNamed(NullPointerException.class, "grace", () -> server.shutdown(null));
            assertThrowsNamed(java.net.BindException.class, String.valueOf(server.port()),
                    () -> HttpServer.start(io, server.localAddress(), routes()));
        }
        assertThrowsNamed(NullPointerException.class, "io", () -> HttpServer.start(null, ANY_PORT, routes()));
        assertThrowsNamed(NullPointerException.class, "io", () -> HttpClient.open(null));
        assertThrowsNamed(NullPointerException.class, "request", () -> HttpClient.open(Io.open("blocking")).send(null));
        assertThrowsNamed(IllegalArgumentException.class, "headerTimeout", () -> ServerOptions.defaults().headerTimeout(Duration.ofSeconds(-1)));
        assertThrowsNamed(IllegalArgumentException.class, "maxBodyBytes", () -> ServerOptions.defaults().maxBodyBytes(-1));
        assertThrowsNamed(IllegalArgumentException.class, "maxConnectionsPerOrigin", () -> ClientOptions.defaults().maxConnectionsPerOrigin(0));
        assertThrowsNamed(IllegalArgumentException.class, "length", () -> Response.of(200).body(-2, out -> { }));
        assertThrowsNamed(IllegalArgumentException.class, "Host", () -> ClientRequest.get(URI.create("http://x/")).header("Host", "y"));
        assertThrowsNamed(IllegalArgumentException.class, "namesAndValues", () -> Headers.of("A"));
        Random random = new Random(1);
        assertThrowsNamed(NullPointerException.class, "handler", () -> HttpServer.start(Io.open("virtual"), ANY_PORT, null));
        assertThrowsNamed(IllegalArgumentException.class, "Content-Length", () -> Response.of(200).header("Content-Length", "3"));
        assertThrowsNamed(IllegalArgumentException.class, "status", () -> Response.of(100 + random.nextInt(100)));
        assertThrowsNamed(IllegalArgumentException.class, "U+000A", () -> Response.of(200).header("X", "a\nb"));
        assertThrowsNamed(IllegalArgumentException.class, "http URI", () -> ClientRequest.get(URI.create("https://example.com/")));
        assertThrowsNamed(IllegalArgumentException.class, "pattern", () -> Router.create().get("users", r -> null));
        assertThrowsNamed(IllegalArgumentException.class, "maxConnections", () -> ServerOptions.defaults().maxConnections(0));
        assertEquals(List.of("1", "2"), Headers.of("A", "1", "a", "2").all("A"));
        assertEquals(Arrays.asList("a"), List.copyOf(Headers.of("A", "1", "a", "2").names()));
    }

    private static void assertThrowsNamed(Class<? extends Throwable> type, String named, ThrowingRunnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            assertTrue(type.isInstance(t), "threw " + t);
            assertTrue(t.getMessage().contains(named), t.getMessage() + " should name " + named);
            return;
        }
        throw new AssertionError("nothing thrown; expected " + type.getSimpleName());
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
