package io.zsync.examples.microservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.http.ClientOptions;
import io.zsync.http.ClientRequest;
import io.zsync.http.ClientResponse;
import io.zsync.http.HttpClient;
import io.zsync.http.HttpServer;
import io.zsync.http.ServerOptions;
import io.zsync.junit.LeakCheck;
import io.zsync.net.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order service (A) over the price service (B), on loopback, called by zsync's client in
 * tasks: the endpoints and their errors, B slow (504) and down (502), many requests sharing A's
 * pool, and A's shutdown canceling the call it waits on, which B sees end.
 */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class OrderServiceTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Map<String, Long> PRICES = Map.of("ABC-1", 1250L, "XYZ-9", 99L);
    /** Bounds each wait for what another task does; never reached when the code works. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void ordersArePricedByThePriceServiceAndBadOnesGetAJsonError(String backend) throws Exception {
        try (Io io = Io.open(backend); HttpServer prices = PriceService.start(io, ANY_PORT, PRICES);
                OrderService orders = OrderService.start(io, ANY_PORT, uri(prices.port()));
                HttpClient client = HttpClient.open(io)) {
            URI base = uri(orders.port());
            io.async(() -> {
                Answer created = post(client, base, "{\"sku\": \"ABC-1\", \"quantity\": 3}");
                assertEquals(201, created.status(), created.body());
                assertEquals("application/json", created.contentType());
                assertEquals("/orders/1", created.location());
                Order order = Json.MAPPER.readValue(created.body(), Order.class);
                assertEquals(new Order(1, "ABC-1", 3, 1250, 3750), order);
                assertEquals(201, post(client, base, "{\"sku\": \"XYZ-9\", \"quantity\": 1000}").status());

                Answer one = get(client, base.resolve("/orders/1"));
                assertEquals(200, one.status());
                assertEquals(order, Json.MAPPER.readValue(one.body(), Order.class));
                Order[] all = Json.MAPPER.readValue(get(client, base.resolve("/orders")).body(), Order[].class);
                assertEquals(List.of(order, new Order(2, "XYZ-9", 1000, 99, 99_000)), Arrays.asList(all));
                assertError(404, "no order 3", get(client, base.resolve("/orders/3")));
                assertError(400, "is not a number", get(client, base.resolve("/orders/x")));

                assertError(400, "not an order", post(client, base, "{\"sku\": \"ABC-1\", "));
                assertError(400, "not an order", post(client, base, ""));
                assertError(400, "not an order", post(client, base, "[1, 2]"));
                assertError(400, "not an order", post(client, base, "{\"sku\": \"ABC-1\", \"quantity\": 1, \"price\": 1}"));
                assertError(400, "the body is null", post(client, base, "null"));
                assertError(400, "quantity is missing", post(client, base, "{\"sku\": \"ABC-1\"}"));
                assertError(400, "quantity is 0; send 1 to 1000", post(client, base, "{\"sku\": \"ABC-1\", \"quantity\": 0}"));
                assertError(400, "quantity is 1001", post(client, base, "{\"sku\": \"ABC-1\", \"quantity\": 1001}"));
                assertError(400, "sku is missing", post(client, base, "{\"quantity\": 1}"));
                assertError(400, "sku 'a/b' is not", post(client, base, "{\"sku\": \"a/b\", \"quantity\": 1}"));
                assertError(422, "no price for sku 'NOPE-1'", post(client, base, "{\"sku\": \"NOPE-1\", \"quantity\": 1}"));
                ClientRequest text = ClientRequest.post(base.resolve("/orders"), "sku=ABC-1".getBytes(StandardCharsets.UTF_8))
                        .header("Content-Type", "text/plain");
                assertError(415, "send application/json", answer(client, text));
                return null;
            }).await();
            assertEquals(1, orders.priceClient().connectionsOpened(), "the price calls, one after another, share a connection");
            assertEquals(2, orders.priceClient().connectionsReused());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void aPriceServiceSlowerThanTheTimeoutGets504AndItsConnectionClosed(String backend) throws Exception {
        try (Io io = Io.open(backend); SilentService silent = SilentService.start(io);
                OrderService orders = OrderService.start(io, ANY_PORT, silent.uri(), Duration.ofMillis(200),
                        ClientOptions.defaults(), ServerOptions.defaults());
                HttpClient client = HttpClient.open(io)) {
            URI base = uri(orders.port());
            io.async(() -> {
                for (int i = 1; i <= 2; i++) {
                    assertError(504, "did not answer within PT0.2S", post(client, base, "{\"sku\": \"ABC-1\", \"quantity\": 1}"));
                    assertTrue(silent.awaitHungUp(WAIT), "the timed-out call's connection was closed");
                    assertEquals(0, orders.priceClient().idleConnections(), "and not pooled");
                }
                return null;
            }).await();
            assertEquals(2, orders.priceClient().connectionsOpened(), "each call had a connection of its own");
            assertEquals(2, silent.hangUps());
            assertEquals(0, orders.priceClient().connectionsReused());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void aPriceServiceThatIsDownGets502(String backend) throws Exception {
        try (Io io = Io.open(backend)) {
            int closedPort;
            try (Listener listener = io.net().listen(ANY_PORT)) {
                closedPort = ((InetSocketAddress) listener.localAddress()).getPort();
            }
            try (OrderService orders = OrderService.start(io, ANY_PORT, uri(closedPort));
                    HttpClient client = HttpClient.open(io)) {
                URI base = uri(orders.port());
                io.async(() -> {
                    assertError(502, "the price service could not be asked", post(client, base, "{\"sku\": \"ABC-1\", \"quantity\": 1}"));
                    assertEquals(200, get(client, base.resolve("/orders")).status(), "the service itself still answers");
                    return null;
                }).await();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void manyConcurrentOrdersShareThePriceClientsPool(String backend) throws Exception {
        int requests = 64;
        int pool = 4;
        try (Io io = Io.open(backend); HttpServer prices = PriceService.start(io, ANY_PORT, PRICES);
                OrderService orders = OrderService.start(io, ANY_PORT, uri(prices.port()), OrderService.PRICE_TIMEOUT,
                        ClientOptions.defaults().maxConnectionsPerOrigin(pool), ServerOptions.defaults());
                HttpClient client = HttpClient.open(io, ClientOptions.defaults().maxConnectionsPerOrigin(requests))) {
            URI base = uri(orders.port());
            List<Future<Integer, IOException>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(io.concurrent(() -> post(client, base, "{\"sku\": \"ABC-1\", \"quantity\": 2}").status()));
            }
            for (int status : Future.awaitAll(calls)) {
                assertEquals(201, status);
            }
            HttpClient priceClient = orders.priceClient();
            assertTrue(priceClient.connectionsOpened() <= pool, priceClient.toString());
            assertEquals(requests, priceClient.connectionsOpened() + priceClient.connectionsReused(), priceClient.toString());
            Order[] all = io.async(() -> Json.MAPPER.readValue(get(client, base.resolve("/orders")).body(), Order[].class)).await();
            assertEquals(requests, all.length);
            for (int i = 0; i < requests; i++) {
                assertEquals(i + 1, all[i].id(), "every order got an id of its own");
                assertEquals(2500, all[i].totalCents());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void shuttingDownPastTheGraceCancelsThePriceCallItsRequestWaitsOn(String backend) throws Exception {
        try (Io io = Io.open(backend); SilentService silent = SilentService.start(io);
                HttpClient client = HttpClient.open(io)) {
            OrderService orders = OrderService.start(io, ANY_PORT, silent.uri(), Duration.ofMinutes(5),
                    ClientOptions.defaults(), ServerOptions.defaults());
            URI base = uri(orders.port());
            try (Future<Answer, IOException> inbound = io.concurrent(() -> post(client, base, "{\"sku\": \"ABC-1\", \"quantity\": 1}"))) {
                assertTrue(silent.awaitAsked(WAIT), "the order service asked the price service");
                orders.shutdown(Duration.ofMillis(50));
                assertTrue(silent.awaitHungUp(WAIT), "the price call was canceled and its connection closed");
                assertEquals(1, silent.hangUps());
                assertEquals(0, orders.priceClient().idleConnections(), "a canceled call's connection is not pooled");
                try {
                    Answer answer = inbound.await();
                    throw new AssertionError("the canceled request was answered: " + answer);
                } catch (IOException expected) {
                    // The order service closed the inbound connection without an answer: its request was canceled.
                }
            } finally {
                orders.close();
            }
        }
    }

    private static URI uri(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static void assertError(int status, String saying, Answer answer) throws IOException {
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/json", answer.contentType());
        String error = Json.MAPPER.readValue(answer.body(), Json.Problem.class).error();
        assertTrue(error.contains(saying), error + " should say " + saying);
    }

    record Answer(int status, String contentType, String location, String body) {
    }

    private static Answer post(HttpClient client, URI base, String json) throws IOException {
        return answer(client, ClientRequest.post(base.resolve("/orders"), json.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json"));
    }

    private static Answer get(HttpClient client, URI uri) throws IOException {
        return answer(client, ClientRequest.get(uri));
    }

    private static Answer answer(HttpClient client, ClientRequest request) throws IOException {
        try (ClientResponse response = client.send(request)) {
            return new Answer(response.status(), response.header("Content-Type"), response.header("Location"),
                    response.bodyString());
        }
    }
}
