package io.zsync.examples.microservice;

import io.zsync.Io;
import io.zsync.http.HttpServer;
import io.zsync.http.Router;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * Service B: answers {@code GET /prices/{sku}} with {@code {"sku": "ABC-1", "cents": 1250}}, or
 * 404 with {@code {"error": "..."}} for a sku it has no price for. The
 * {@link OrderService} asks it for each order.
 */
public final class PriceService {

    private PriceService() {
    }

    /**
     * Starts the service at {@code address} (port 0 for any free one) with the prices
     * {@code centsBySku}; close the server to stop it.
     *
     * @throws IOException if {@code address} cannot be bound
     */
    public static HttpServer start(Io io, InetSocketAddress address, Map<String, Long> centsBySku) throws IOException {
        Objects.requireNonNull(centsBySku, "centsBySku is null; pass the prices, such as Map.of(\"ABC-1\", 1250L)");
        Map<String, Long> prices = Map.copyOf(centsBySku);
        Router router = Router.create().get("/prices/{sku}", request -> {
            String sku = request.pathParam("sku");
            Long cents = prices.get(sku);
            return cents == null ? Json.error(404, "no price for sku '" + sku + "'")
                    : Json.response(200, new Price(sku, cents));
        });
        return HttpServer.start(io, address, router);
    }
}
