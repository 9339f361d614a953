package io.zsync.examples.microservice;

import io.zsync.Io;
import io.zsync.http.ClientRequest;
import io.zsync.http.ClientResponse;
import io.zsync.http.HttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The order service's calls to the {@link PriceService}, through a pooled {@link HttpClient},
 * each bounded by a timeout.
 *
 * <p>A call is a cancellation point throughout: when the request that makes it is canceled (the
 * order service shutting down past its grace), {@link io.zsync.CanceledException} goes through untouched,
 * and the client closes the call's connection instead of pooling it, so the price service sees
 * it end. A call that timed out is canceled the same way. Thread-safe.
 */
final class PriceClient {

    private final Io io;
    private final HttpClient client;
    private final URI base;
    private final Duration timeout;

    PriceClient(Io io, HttpClient client, URI base, Duration timeout) {
        this.io = io;
        this.client = client;
        this.base = base;
        this.timeout = timeout;
    }

    /**
     * The price of {@code sku} (a valid one: letters, digits, {@code -}), in cents.
     *
     * @throws PriceException if there is none (422), the service cannot be reached or answers
     *         nonsense (502), or does not answer within the timeout (504)
     */
    long centsOf(String sku) throws PriceException {
        URI uri = base.resolve("/prices/" + sku);
        Answer answer;
        try {
            answer = io.withTimeout(timeout, () -> fetch(uri));
        } catch (TimeoutException e) {
            throw new PriceException(504, "the price service did not answer within " + timeout);
        } catch (IOException e) {
            throw new PriceException(502, "the price service could not be asked: " + e.getMessage());
        }
        if (answer.status() == 404) {
            throw new PriceException(422, "the price service has no price for sku '" + sku + "'");
        }
        if (answer.status() != 200) {
            throw new PriceException(502, "the price service answered " + answer.status() + " for sku '" + sku + "'");
        }
        try {
            return Json.MAPPER.readValue(answer.body(), Price.class).cents();
        } catch (IOException e) {
            throw new PriceException(502, "the price service's answer is not a price: " + e.getMessage());
        }
    }

    private Answer fetch(URI uri) throws IOException {
        try (ClientResponse response = client.send(ClientRequest.get(uri).header("Accept", "application/json"))) {
            return new Answer(response.status(), response.bodyBytes());
        }
    }

    private record Answer(int status, byte[] body) {
    }
}
