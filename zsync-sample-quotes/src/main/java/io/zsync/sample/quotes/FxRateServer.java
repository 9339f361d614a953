package io.zsync.sample.quotes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An FX-rate service on a loopback port, on the JDK's {@link HttpServer} (plain JDK code, no
 * zsync): {@code GET /rate?to=EUR} answers the rate from US dollars to {@code EUR} as a decimal
 * number, or 404 for a currency it does not know.
 */
public final class FxRateServer implements AutoCloseable {

    private final HttpServer server;

    private FxRateServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving {@code ratesFromUsd} (currency code to rate) on a free loopback port.
     *
     * @throws IOException if no port could be bound
     */
    public static FxRateServer start(Map<String, BigDecimal> ratesFromUsd) throws IOException {
        Map<String, BigDecimal> rates = Map.copyOf(ratesFromUsd);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rate", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            BigDecimal rate = query != null && query.startsWith("to=") ? rates.get(query.substring(3)) : null;
            respond(exchange, rate == null ? 404 : 200, rate == null ? "unknown currency" : rate.toPlainString());
        });
        server.start();
        return new FxRateServer(server);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Where the service is: {@code http://127.0.0.1:port/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Stops the service at once. */
    @Override
    public void close() {
        server.stop(0);
    }
}
