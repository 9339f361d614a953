package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpClientBenchTest {

    private final List<String> events = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();

    private final Contender server = Contender.of("netty-epoll", () -> new LoopbackServer() {
        @Override
        public int start() {
            events.add("start server");
            return 4321;
        }

        @Override
        public void close() {
            events.add("close server");
        }
    });

    /** A client that reports the given rates, one per round, and logs what it was asked. */
    private ClientLoad fake(String name, double... rates) {
        Deque<Double> queue = new ArrayDeque<>();
        for (double rate : rates) {
            queue.add(rate);
        }
        return new ClientLoad() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double requestsPerSecond(URI uri, int warmup, int requests, Duration limit) throws IOException {
                events.add(name + " " + uri + " " + warmup + "+" + requests);
                if (queue.isEmpty()) {
                    throw new IOException("the server answered 500");
                }
                return queue.removeFirst();
            }
        };
    }

    @Test
    void clients_alternate_round_by_round_against_one_server_and_the_result_is_the_median_against_the_jdk_client()
            throws Exception {
        BenchReport report = new HttpClientBench(3).run(server,
                List.of(fake("zsync-client-virtual", 30, 10, 20), fake("jdk-httpclient", 5, 50, 10)), progress::add);

        String call = " http://127.0.0.1:4321/plaintext 5000+20000";
        assertEquals(List.of("start server", "zsync-client-virtual" + call, "jdk-httpclient" + call,
                "zsync-client-virtual" + call, "jdk-httpclient" + call, "zsync-client-virtual" + call,
                "jdk-httpclient" + call, "close server"), events);
        assertEquals("http-client", report.bench());
        assertEquals("jdk-httpclient", report.baseline());
        assertEquals(List.of(new Measurement("zsync-client-virtual", 20, "req/s"), new Measurement("jdk-httpclient", 10, "req/s")),
                report.results());
        assertEquals(Map.of("concurrency", 64L, "requests", 20000L, "rounds", 3L), report.parameters());
        assertEquals("round 1/3  zsync-client-virtual          30 req/s", progress.get(1));
    }

    @Test
    void a_failing_client_fails_the_run_naming_it_and_the_round_and_the_server_is_stopped() {
        IOException failure = assertThrows(IOException.class,
                () -> new HttpClientBench(2).run(server, List.of(fake("jdk-httpclient", 1)), progress::add));

        assertEquals("jdk-httpclient, round 2/2: the server answered 500", failure.getMessage());
        assertEquals("close server", events.getLast());
    }

    @Test
    void an_unavailable_server_fails_the_run_with_why() {
        IOException failure = assertThrows(IOException.class, () -> new HttpClientBench(1)
                .run(Contender.unavailable("netty-epoll", "no epoll here"), List.of(fake("jdk-httpclient", 1)), progress::add));

        assertTrue(failure.getMessage().endsWith("netty-epoll, cannot run: no epoll here"), failure::getMessage);
    }

    static Stream<Named<ClientLoad>> clients() {
        return Stream.of(Named.of("zsync-client-virtual", new ZsyncClientLoad("virtual")),
                Named.of("zsync-client-evented", new ZsyncClientLoad("evented")),
                Named.of("jdk-httpclient", new JdkClientLoad()));
    }

    @ParameterizedTest
    @MethodSource("clients")
    void each_client_sends_every_request_and_checks_every_answer(ClientLoad client) throws Exception {
        AtomicInteger served = new AtomicInteger();
        HttpServer counting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        counting.setExecutor(threads);
        counting.createContext("/plaintext", exchange -> {
            served.incrementAndGet();
            byte[] body = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        counting.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + counting.getAddress().getPort() + "/plaintext");

            double rate = client.requestsPerSecond(uri, 10, 300, Duration.ofSeconds(30));

            assertTrue(rate > 0, "rate " + rate);
            assertEquals(310, served.get(), "the warm-up's and the timed requests, each once");
        } finally {
            counting.stop(0);
            threads.close();
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void each_client_fails_on_an_answer_that_is_not_hello_world(ClientLoad client) throws Exception {
        HttpServer wrong = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        wrong.createContext("/plaintext", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        wrong.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + wrong.getAddress().getPort() + "/plaintext");

            IOException failure = assertThrows(IOException.class,
                    () -> client.requestsPerSecond(uri, 0, 10, Duration.ofSeconds(30)));

            assertTrue(failure.getMessage().contains("answered 503 with 0 bytes"), failure::getMessage);
        } finally {
            wrong.stop(0);
        }
    }
}
