package io.zsync.sample.quotes;

import io.zsync.Io;
import io.zsync.TaskExecutor;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.ExecutionException;

/**
 * A client of an {@link FxRateServer}, on the JDK's {@link HttpClient}, whose work runs as tasks
 * of an {@link Io} ({@link Io#executor()}). Close it before the {@code Io}. Safe to use from any
 * task or thread of that {@code Io}.
 */
public final class FxClient implements AutoCloseable {

    /**
     * A rate from US dollars to another currency.
     *
     * @param currency the other currency's code, such as {@code EUR}
     * @param rate     how much of it one dollar buys
     */
    public record Rate(String currency, BigDecimal rate) {}

    private final Io io;
    private final URI service;
    private final TaskExecutor executor;
    private final HttpClient http;

    /** A client of the service at {@code service} (see {@link FxRateServer#uri()}). */
    public FxClient(Io io, URI service) {
        this.io = io;
        this.service = service;
        this.executor = io.executor();
        this.http = HttpClient.newBuilder().executor(executor).build();
    }

    /**
     * The rate from US dollars to {@code currency}. A cancellation point: canceled, it cancels the
     * HTTP exchange.
     *
     * @throws IOException if the service could not be asked, or did not answer with a rate
     */
    public Rate rate(String currency) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(service.resolve("rate?to=" + currency)).build();
        HttpResponse<String> response;
        try {
            response = io.await(http.sendAsync(request, BodyHandlers.ofString()));   // suspends on evented
        } catch (ExecutionException failed) {
            throw new IOException("the FX service at " + service + " could not be asked for " + currency, failed.getCause());
        }
        if (response.statusCode() != 200) {
            throw new IOException("the FX service at " + service + " answered " + response.statusCode()
                    + " for " + currency + ": " + response.body());
        }
        return new Rate(currency, new BigDecimal(response.body().strip()));
    }

    /** Closes the HTTP client, which waits for its exchanges to end, then the executor. */
    @Override
    public void close() {
        io.blocking(() -> {                     // HttpClient.close blocks its thread, so not on an event loop
            http.close();
            return null;
        });
        executor.close();
    }
}
