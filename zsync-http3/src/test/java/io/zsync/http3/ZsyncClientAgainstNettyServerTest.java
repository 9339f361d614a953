package io.zsync.http3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Io;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The zsync client, in zsync tasks on each backend, against the library's own HTTP/3 server
 * ({@link NettyPeerServer}, plain Netty): real QUIC round trips on loopback. Every test leaves
 * nothing open (the leak detector runs paranoid, and LeakCheck is auto-detected): the client
 * tracks each UDP socket and request stream it opens.
 */
@Timeout(120)
class ZsyncClientAgainstNettyServerTest {

    private static final int[] SIZES = {1, 64 << 10, 1 << 20};
    private static final int CONCURRENT = 64;

    private static NettyPeerServer server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = NettyPeerServer.start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void runsInTheHttp3Module() {
        assertEquals("io.zsync.http3", getClass().getModule().getName(), "the tests run on the class path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void getReturnsStatusHeadersAndBody(String backend) throws Exception {
        try (Io io = Io.open(backend); Http3Client client = Http3Client.open(io, trusting())) {
            ClientResponse response = io.async(() -> client.get(uri("/hello"))).await();
            assertEquals(200, response.status());
            assertEquals("netty-peer", response.header("Server"));
            assertEquals("GET /hello", response.header("x-request"));
            assertEquals("hello from netty", response.bodyString());
        }
    }

    @Test
    void aClientOnTheBlockingBackendSendsFromItsCallersThread() throws Exception {
        try (Io io = Io.open("blocking"); Http3Client client = Http3Client.open(io, trusting())) {
            assertEquals("hello from netty", client.get(uri("/hello")).bodyString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void bodiesOfEverySizeGoBothWays(String backend) throws Exception {
        try (Io io = Io.open(backend); Http3Client client = Http3Client.open(io, trusting())) {
            for (int size : SIZES) {
                byte[] body = pattern(size);
                ClientResponse echoed = io.async(() -> client.send(ClientRequest.post(uri("/echo"), body))).await();
                assertEquals(200, echoed.status());
                assertArrayEquals(body, echoed.bodyBytes(), "a request body of " + size + " bytes, echoed");
                ClientResponse download = io.async(() -> client.get(uri("/bytes?n=" + size))).await();
                assertEquals(Integer.toString(size), download.header("content-length"));
                assertArrayEquals(body, download.bodyBytes(), "a response body of " + size + " bytes");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void concurrentRequestsFromManyTasksShareOneConnection(String backend) throws Exception {
        int before = server.connections.get();
        try (Io io = Io.open(backend); Http3Client client = Http3Client.open(io, trusting())) {
            List<Future<ClientResponse, Exception>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                byte[] body = ("request " + i).getBytes();
                calls.add(io.async(() -> client.send(ClientRequest.post(uri("/echo"), body))));
            }
            List<ClientResponse> responses = Future.awaitAll(calls);
            for (int i = 0; i < CONCURRENT; i++) {
                assertEquals("request " + i, responses.get(i).bodyString());
            }
        }
        assertEquals(1, server.connections.get() - before, "one QUIC connection carried every request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void aCanceledRequestResetsItsStreamAndTheConnectionServesOn(String backend) throws Exception {
        int before = server.connections.get();
        try (Io io = Io.open(backend); Http3Client client = Http3Client.open(io, trusting())) {
            Future<ClientResponse, Exception> call = io.async(() -> client.get(uri("/never")));
            NettyPeerServer.Held held = server.neverStreams.poll(30, TimeUnit.SECONDS);
            assertNotNull(held, "the request reached the server");
            try {
                call.cancel();
                fail("the request was answered, though the server never answers it");
            } catch (CanceledException expected) {
                // the task stopped at its cancellation point, the await of the response
            }
            assertEquals(200, io.async(() -> client.get(uri("/hello"))).await().status());
            assertStopped(held);
        }
        assertEquals(1, server.connections.get() - before, "the connection outlived the canceled request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void aRequestPastItsTimeoutIsResetAndTheConnectionServesOn(String backend) throws Exception {
        int before = server.connections.get();
        try (Io io = Io.open(backend);
                Http3Client client = Http3Client.open(io, trusting().requestTimeout(Duration.ofSeconds(2)))) {
            assertEquals(200, io.async(() -> client.get(uri("/hello"))).await().status());
            try {
                io.async(() -> client.get(uri("/never"))).await();
                fail("the request was answered, though the server never answers it");
            } catch (TimeoutException expected) {
                // ClientOptions.requestTimeout, through io.withTimeout
            }
            NettyPeerServer.Held first = server.neverStreams.poll(30, TimeUnit.SECONDS);
            try {
                io.async(() -> io.withTimeout(Duration.ofMillis(500), () -> client.get(uri("/never")))).await();
                fail("the request was answered, though the server never answers it");
            } catch (TimeoutException expected) {
                // the caller's own deadline, shorter than the client's
            }
            NettyPeerServer.Held second = server.neverStreams.poll(30, TimeUnit.SECONDS);
            assertEquals(200, io.async(() -> client.get(uri("/hello"))).await().status());
            assertStopped(first);
            assertStopped(second);
        }
        assertEquals(1, server.connections.get() - before, "the connection outlived the timed-out requests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void aResponseBodyOverTheLimitFailsAndTheConnectionServesOn(String backend) throws Exception {
        try (Io io = Io.open(backend); Http3Client client = Http3Client.open(io, trusting().maxResponseBodyBytes(1000))) {
            try {
                io.async(() -> client.get(uri("/bytes?n=5000"))).await();
                fail("a body of 5000 bytes came through a limit of 1000");
            } catch (IOException expected) {
                assertTrue(expected.getMessage().contains("maxResponseBodyBytes"), expected.getMessage());
            }
            assertEquals(1000, io.async(() -> client.get(uri("/bytes?n=1000"))).await().bodyBytes().length);
        }
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedIsRefused() throws Exception {
        try (Io io = Io.open("virtual"); Http3Client client = Http3Client.open(io)) {
            try {
                io.async(() -> client.get(uri("/hello"))).await();
                fail("the JDK's default trust store trusted a self-signed certificate");
            } catch (IOException expected) {
                // the TLS handshake inside QUIC failed: the certificate is not in the default trust store
            }
        }
    }

    /**
     * The client's reset of {@code held} reached the server: an answer now finds the stream stopped,
     * and the server's stream closes. Call it after a later request on the same connection was
     * answered: the client queued the reset's frames before that request's, and the server, which
     * reads a connection's packets in order, has read them before it answered.
     */
    private static void assertStopped(NettyPeerServer.Held held) throws Exception {
        assertNotNull(held, "the request reached the server");
        assertTrue(held.answerNow().get(30, TimeUnit.SECONDS), "the server could answer: the client never reset the stream");
        held.closed().get(30, TimeUnit.SECONDS);
    }

    private static ClientOptions trusting() {
        return ClientOptions.defaults().trust(TestIdentity.certificate());
    }

    private static URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = NettyPeerServer.pattern(i);
        }
        return bytes;
    }
}
