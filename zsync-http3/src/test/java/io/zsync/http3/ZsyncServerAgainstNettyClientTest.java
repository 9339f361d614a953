package io.zsync.http3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.CanceledException;
import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Event;
import io.zsync.Io;
import io.zsync.IoOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The zsync server, its handlers in zsync tasks on each backend, answering the library's own HTTP/3
 * client ({@link NettyPeerClient}, plain Netty) on loopback; and once answering the zsync client.
 * The server tracks each request stream with the leak detector, so LeakCheck (auto-detected, the
 * detector paranoid) fails a test that leaves one open.
 */
@Timeout(120)
class ZsyncServerAgainstNettyClientTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int[] SIZES = {1, 64 << 10, 1 << 20};
    private static final int CONCURRENT = 64;

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void aHandlerAnswersWithStatusHeadersAndBody(String backend) throws Exception {
        Handler hello = request -> Response.text(201, "hello " + request.path() + " " + request.query())
                .header("x-method", request.method()).header("x-agent", request.header("user-agent"));
        try (Io io = Io.open(backend);
                Http3Server server = Http3Server.start(io, ANY_LOOPBACK_PORT, TestIdentity.identity(), hello);
                NettyPeerClient client = NettyPeerClient.connect(server.port())) {
            NettyPeerClient.Answer answer = client.call("GET", "/greet?name=quic", new byte[0], "user-agent", "netty-peer");
            assertEquals(201, answer.status());
            assertEquals("hello /greet name=quic", new String(answer.body()));
            assertEquals("text/plain; charset=utf-8", answer.headers().get("content-type"));
            assertEquals("GET", answer.headers().get("x-method"));
            assertEquals("netty-peer", answer.headers().get("x-agent"));
            assertEquals(Integer.toString(answer.body().length), answer.headers().get("content-length"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void bodiesOfEverySizeGoBothWays(String backend) throws Exception {
        Handler echo = request -> Response.of(200).body(request.bodyBytes());
        try (Io io = Io.open(backend);
                Http3Server server = Http3Server.start(io, ANY_LOOPBACK_PORT, TestIdentity.identity(), echo);
                NettyPeerClient client = NettyPeerClient.connect(server.port())) {
            for (int size : SIZES) {
                byte[] body = ZsyncClientAgainstNettyServerTest.pattern(size);
                NettyPeerClient.Answer answer = client.call("POST", "/echo", body);
                assertEquals(200, answer.status());
                assertArrayEquals(body, answer.body(), "a body of " + size + " bytes, echoed");
            }
        }
    }

    /**
     * Each handler waits until every request of the connection has arrived: it passes only if the
     * requests of one connection run in tasks at the same time (served one by one, the first would
     * wait for requests that never come, and answer 503).
     */
    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void theRequestsOfOneConnectionRunInTasksAtOnce(String backend) throws Exception {
        // threaded runs a task on a thread or not at all: give it one for each request, and their handlers'
        try (Io io = backend.equals("threaded") ? Io.open(backend, IoOptions.defaults().threads(4 * CONCURRENT)) : Io.open(backend)) {
            AtomicInteger arrived = new AtomicInteger();
            Event allIn = io.event();
            Handler gathering = request -> {
                if (arrived.incrementAndGet() == CONCURRENT) {
                    allIn.set();
                }
                return allIn.await(Duration.ofSeconds(30)) ? Response.text(request.path()) : Response.of(503);
            };
            try (Http3Server server = Http3Server.start(io, ANY_LOOPBACK_PORT, TestIdentity.identity(), gathering);
                    NettyPeerClient client = NettyPeerClient.connect(server.port())) {
                List<NettyPeerClient.InFlight> calls = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    calls.add(client.send("GET", "/" + i, new byte[0]));
                }
                for (int i = 0; i < CONCURRENT; i++) {
                    NettyPeerClient.Answer answer = calls.get(i).answer().get(60, TimeUnit.SECONDS);
                    assertEquals(200, answer.status(), "request " + i);
                    assertEquals("/" + i, new String(answer.body()));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void aConnectionThatGoesCancelsItsHandlersTasksAndTheServerServesOn(String backend) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> canceled = new CompletableFuture<>();
        try (Io io = Io.open(backend)) {
            Event never = io.event();
            Handler handler = request -> {
                if (!request.path().equals("/never")) {
                    return Response.text("still serving");
                }
                started.complete(null);
                try {
                    never.await();                         // a cancellation point nothing ends but cancellation
                } catch (CanceledException expected) {
                    canceled.complete(null);
                    throw expected;
                }
                return Response.text("the event was set");
            };
            try (Http3Server server = Http3Server.start(io, ANY_LOOPBACK_PORT, TestIdentity.identity(), handler)) {
                NettyPeerClient gone = NettyPeerClient.connect(server.port());
                gone.send("GET", "/never", new byte[0]);
                started.get(30, TimeUnit.SECONDS);
                gone.close();                              // CONNECTION_CLOSE: its streams end with it
                canceled.get(30, TimeUnit.SECONDS);
                try (NettyPeerClient next = NettyPeerClient.connect(server.port())) {
                    assertEquals("still serving", new String(next.call("GET", "/next", new byte[0]).body()));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void closePastItsGracePeriodCancelsTheHandlersAndResetsTheirStreams(String backend) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> canceled = new CompletableFuture<>();
        try (Io io = Io.open(backend)) {
            Event never = io.event();
            Handler handler = request -> {
                started.complete(null);
                try {
                    never.await();
                } catch (CanceledException expected) {
                    canceled.complete(null);
                    throw expected;
                }
                return Response.text("the event was set");
            };
            Http3Server server = Http3Server.start(io, ANY_LOOPBACK_PORT, TestIdentity.identity(),
                    ServerOptions.defaults().gracePeriod(Duration.ZERO), handler);
            try (NettyPeerClient client = NettyPeerClient.connect(server.port())) {
                NettyPeerClient.InFlight call = client.send("GET", "/never", new byte[0]);
                started.get(30, TimeUnit.SECONDS);
                server.close();
                assertTrue(canceled.isDone(), "close returned before the handler it canceled had ended");
                try {
                    NettyPeerClient.Answer answer = call.answer().get(30, TimeUnit.SECONDS);
                    fail("the canceled request was answered " + answer.status());
                } catch (ExecutionException expected) {
                    // its stream was reset, or its connection closed
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void aFailingHandlerAnswers500AndABodyOverTheLimit413(String backend) throws Exception {
        Handler handler = request -> {
            if (request.path().equals("/fail")) {
                throw new IllegalStateException("a handler's bug");
            }
            return Response.text("ok");
        };
        try (Io io = Io.open(backend);
                Http3Server server = Http3Server.start(io, ANY_LOOPBACK_PORT, TestIdentity.identity(),
                        ServerOptions.defaults().maxRequestBodyBytes(1024), handler);
                NettyPeerClient client = NettyPeerClient.connect(server.port())) {
            assertEquals(500, client.call("GET", "/fail", new byte[0]).status());
            assertEquals(413, client.call("POST", "/upload", new byte[4096]).status());
            assertEquals(200, client.call("POST", "/upload", new byte[1024]).status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void theZsyncClientTalksToTheZsyncServer(String backend) throws Exception {
        Handler echo = request -> Response.of(200).header("x-method", request.method()).body(request.bodyBytes());
        try (Io io = Io.open(backend);
                Http3Server server = Http3Server.start(io, ANY_LOOPBACK_PORT, TestIdentity.identity(), echo);
                Http3Client client = Http3Client.open(io, ClientOptions.defaults().trust(TestIdentity.certificate()))) {
            URI uri = URI.create("https://127.0.0.1:" + server.port() + "/echo");
            for (int size : SIZES) {
                byte[] body = ZsyncClientAgainstNettyServerTest.pattern(size);
                ClientResponse response = io.async(() -> client.send(ClientRequest.post(uri, body))).await();
                assertEquals("POST", response.header("x-method"));
                assertArrayEquals(body, response.bodyBytes());
            }
        }
    }

    @Test
    void aServerNeedsABackendWithConcurrency() throws Exception {
        try (Io io = Io.open("blocking")) {
            try {
                Http3Server.start(io, ANY_LOOPBACK_PORT, TestIdentity.identity(), request -> Response.text("never"));
                fail("a server started on a backend that cannot run its dispatcher beside its caller");
            } catch (ConcurrencyUnavailableException expected) {
                // and the socket it had bound is closed again: LeakCheck sees none left
            }
        }
    }
}
