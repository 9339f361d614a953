package io.zsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's redirects, timeouts, and its answers to servers that break the protocol; every call in a task. */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class HttpClientTest {

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void redirectsAreFollowedOnlyWhenAskedAndA303TurnsAPostIntoAGet(String backend) throws Exception {
        Router router = HttpServerTest.routes()
                .get("/old", request -> Response.of(302).header("Location", "/plaintext"))
                .post("/form", request -> Response.of(303).header("Location", "/users/done"))
                .post("/moved", request -> Response.of(307).header("Location", "/echo"))
                .get("/loop", request -> Response.of(302).header("Location", "/loop"));
        try (Io io = HttpServerTest.open(backend); HttpServer server = HttpServer.start(io, HttpServerTest.ANY_PORT, router);
                HttpClient plain = HttpClient.open(io); HttpClient following = HttpClient.open(io, ClientOptions.defaults().followRedirects(3))) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            io.async(() -> {
                try (ClientResponse notFollowed = plain.send(ClientRequest.get(base.resolve("/old")))) {
                    assertEquals(302, notFollowed.status());
                    notFollowed.bodyBytes();
                }
                assertEquals("Hello, World!", following.send(ClientRequest.get(base.resolve("/old"))).bodyString());
                assertEquals("user done", following.send(ClientRequest.post(base.resolve("/form"), new byte[] {1})).bodyString());
                assertEquals("kept", following.send(ClientRequest.post(base.resolve("/moved"), "kept".getBytes())).bodyString(),
                        "a 307 keeps the method and the body");
                try (ClientResponse loop = following.send(ClientRequest.get(base.resolve("/loop")))) {
                    assertEquals(302, loop.status(), "past followRedirects the last redirect is the answer");
                    loop.bodyBytes();
                }
                return null;
            }).await();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void aReadTimeoutAndARequestTimeoutEndTheExchangeAndCloseItsConnection(String backend) throws Exception {
        try (Io io = HttpServerTest.open(backend)) {
            Router router = HttpServerTest.routes().get("/hang", request -> {
                io.event().await();
                return Response.text("never");
            });
            try (HttpServer server = HttpServer.start(io, HttpServerTest.ANY_PORT, router, ServerOptions.defaults().shutdownGrace(Duration.ZERO));
                    HttpClient reads = HttpClient.open(io, ClientOptions.defaults().readTimeout(Duration.ofMillis(100)));
                    HttpClient whole = HttpClient.open(io, ClientOptions.defaults().requestTimeout(Duration.ofMillis(100)))) {
                URI hang = URI.create("http://127.0.0.1:" + server.port() + "/hang");
                io.async(() -> {
                    for (HttpClient client : new HttpClient[] {reads, whole}) {
                        try {
                            client.send(ClientRequest.get(hang)).close();
                            throw new AssertionError("no timeout");
                        } catch (SocketTimeoutException expected) {
                            assertEquals(0, client.idleConnections(), "a timed-out exchange's connection is not pooled");
                        }
                    }
                    return null;
                }).await();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void responsesThatBreakTheProtocolAreRefusedWith502AndOldStyleOnesAreRead(String backend) throws Exception {
        String[][] cases = {
                {"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "502"},
                {"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", "502"},
                {"HTTP/1.1 2x0 OK\r\n\r\n", "502"},
                {"SSH-2.0-OpenSSH_9.2\r\n", "502"},
                {"HTTP/1.1 200 OK\r\nX: " + "v".repeat(70_000) + "\r\n\r\n", "502"},
                {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "body 502"},
                {"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "body 502"},
                {"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "ok"},
                {"HTTP/1.0 200 OK\r\n\r\nread to the end", "read to the end"}};
        try (Io io = HttpServerTest.open(backend); HttpClient client = HttpClient.open(io)) {
            for (String[] c : cases) {
                try (ServerSocket scripted = new ServerSocket(0, 1, HttpServerTest.ANY_PORT.getAddress())) {
                    Thread server = Thread.ofVirtual().start(() -> answerOnce(scripted, c[0]));
                    URI uri = URI.create("http://127.0.0.1:" + scripted.getLocalPort() + "/");
                    Future<String, IOException> call = io.async(() -> {
                        try (ClientResponse response = client.send(ClientRequest.get(uri))) {
                            try {
                                return response.bodyString();
                            } catch (HttpProtocolException e) {
                                return "body " + e.status();
                            }
                        } catch (HttpProtocolException e) {
                            return String.valueOf(e.status());
                        }
                    });
                    assertEquals(c[1], call.await(), c[0]);
                    server.join();
                }
            }
            assertEquals(1, client.idleConnections(), "only the exchange that ended clean (100, then 200 with a length) was pooled");
        }
    }

    /** Accepts one connection, reads the request head, answers {@code response}, closes. */
    private static void answerOnce(ServerSocket listener, String response) {
        try (Socket socket = listener.accept(); InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            RawClient.skipHead(in);
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            assertTrue(false, "the scripted server failed: " + e);
        }
    }
}
