package io.zsync.examples.microservice;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.zsync.Io;
import io.zsync.http.ClientOptions;
import io.zsync.http.HttpClient;
import io.zsync.http.HttpServer;
import io.zsync.http.Request;
import io.zsync.http.Response;
import io.zsync.http.Router;
import io.zsync.http.ServerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Service A: orders, in JSON, priced by asking the {@link PriceService} through a pooled
 * {@link HttpClient}.
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>request</th><th>answer</th></tr>
 * <tr><td>{@code GET /orders}</td><td>200, the orders by id: {@code [{"id": 1, "sku": "ABC-1",
 *     "quantity": 3, "unitCents": 1250, "totalCents": 3750}]}</td></tr>
 * <tr><td>{@code GET /orders/{id}}</td><td>200, the order; 404 if there is none; 400 if the id is not a number</td></tr>
 * <tr><td>{@code POST /orders} {@code {"sku": "ABC-1", "quantity": 3}}</td><td>201, the order, priced, with
 *     {@code Location: /orders/ID}; 400 if the body is not such an order (malformed, a field missing,
 *     unknown or out of range); 415 if it is not JSON; 422 if the price service has no price for the
 *     sku; 502 if it cannot be reached; 504 if it does not answer within the price timeout</td></tr>
 * </table>
 *
 * <p>Errors are {@code {"error": "what went wrong and what to send"}}. The price call of a
 * {@code POST} is bounded by the price timeout ({@code io.withTimeout}) and is canceled with its
 * request: when {@link #shutdown(Duration)} cancels the requests still running past the grace, the
 * calls they wait on end too, and their connections are closed rather than pooled. Thread-safe.
 */
public final class OrderService implements AutoCloseable {

    /** How long a price call may take by default. */
    public static final Duration PRICE_TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final HttpClient prices;

    private OrderService(HttpServer server, HttpClient prices) {
        this.server = server;
        this.prices = prices;
    }

    /** {@link #start(Io, InetSocketAddress, URI, Duration, ClientOptions, ServerOptions)} with the defaults. */
    public static OrderService start(Io io, InetSocketAddress address, URI priceService) throws IOException {
        return start(io, address, priceService, PRICE_TIMEOUT, ClientOptions.defaults(),
                ServerOptions.defaults().maxBodyBytes(MAX_BODY_BYTES));
    }

    /**
     * Starts the service at {@code address} (port 0 for any free one), asking the price service
     * at {@code priceService} (such as {@code http://127.0.0.1:8081}); close it to stop.
     *
     * @param priceTimeout how long each price call may take, from asking for a connection to the
     *        end of the answer
     * @param clientOptions the price client's pool and timeouts
     * @param serverOptions the service's limits, timeouts and shutdown grace
     * @throws IOException if {@code address} cannot be bound
     */
    public static OrderService start(Io io, InetSocketAddress address, URI priceService, Duration priceTimeout,
            ClientOptions clientOptions, ServerOptions serverOptions) throws IOException {
        Objects.requireNonNull(priceService, "priceService is null; pass its base URI, such as http://127.0.0.1:8081");
        Objects.requireNonNull(priceTimeout, "priceTimeout is null; pass OrderService.PRICE_TIMEOUT");
        HttpClient client = HttpClient.open(io, clientOptions);
        Orders orders = new Orders(new PriceClient(io, client, priceService, priceTimeout));
        Router router = Router.create()
                .get("/orders", request -> orders.list())
                .get("/orders/{id}", orders::find)
                .post("/orders", orders::create);
        try {
            return new OrderService(HttpServer.start(io, address, router, serverOptions), client);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The port the service listens on. */
    public int port() {
        return server.port();
    }

    /** The pooled client that calls the price service: its counters tell connections opened and reused. */
    public HttpClient priceClient() {
        return prices;
    }

    /**
     * Stops: stops accepting, lets requests in flight finish within {@code grace}, then cancels
     * them (and so their price calls), and closes the price client's connections.
     */
    public void shutdown(Duration grace) {
        server.shutdown(grace);
        prices.close();
    }

    /** {@link #shutdown(Duration)} with the server options' grace. */
    @Override
    public void close() {
        server.close();
        prices.close();
    }

    @Override
    public String toString() {
        return "OrderService[" + server + ", " + prices + "]";
    }

    /** The orders and the handlers of the endpoints. */
    private static final class Orders {

        private final PriceClient prices;
        private final ConcurrentSkipListMap<Long, Order> byId = new ConcurrentSkipListMap<>();
        private final AtomicLong lastId = new AtomicLong();

        Orders(PriceClient prices) {
            this.prices = prices;
        }

        Response list() throws JsonProcessingException {
            return Json.response(200, List.copyOf(byId.values()));
        }

        Response find(Request request) throws JsonProcessingException {
            String id = request.pathParam("id");
            Order order;
            try {
                order = byId.get(Long.parseLong(id));
            } catch (NumberFormatException e) {
                return Json.error(400, "order id '" + id + "' is not a number; ask for /orders/1, say");
            }
            return order == null ? Json.error(404, "no order " + id) : Json.response(200, order);
        }

        Response create(Request request) throws IOException {
            if (!Json.isJson(request.header("Content-Type"))) {
                return Json.error(415, "the body is " + request.header("Content-Type") + "; send application/json");
            }
            byte[] body = request.bodyBytes();
            NewOrder wanted;
            try {
                wanted = Json.MAPPER.readValue(body, NewOrder.class);
            } catch (JsonProcessingException e) {
                return Json.error(400, "the body is not an order (" + e.getOriginalMessage()
                        + "); send {\"sku\": \"ABC-1\", \"quantity\": 3}");
            }
            String problem = wanted == null ? "the body is null; send {\"sku\": \"ABC-1\", \"quantity\": 3}" : wanted.problem();
            if (problem != null) {
                return Json.error(400, problem);
            }
            long unitCents;
            try {
                unitCents = prices.centsOf(wanted.sku());
            } catch (PriceException e) {
                return Json.error(e.status(), e.getMessage());
            }
            long id = lastId.incrementAndGet();
            Order order = new Order(id, wanted.sku(), wanted.quantity(), unitCents, unitCents * wanted.quantity());
            byId.put(id, order);
            return Json.response(201, order).header("Location", "/orders/" + id);
        }
    }
}
