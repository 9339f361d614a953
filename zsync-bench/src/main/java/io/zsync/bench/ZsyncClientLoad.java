package io.zsync.bench;

import io.zsync.Group;
import io.zsync.Io;

import io.zsync.http.ClientOptions;
import io.zsync.http.ClientRequest;
import io.zsync.http.ClientResponse;
import io.zsync.http.HttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code zsync-client-<backend>} contenders of {@link HttpClientBench}: one zsync
 * {@link HttpClient}, its pool allowed a connection per concurrent task (as the JDK's, which has
 * no cap), called from {@value HttpClientBench#CONCURRENCY} tasks of a group, as a user writes it.
 */
final class ZsyncClientLoad implements ClientLoad {

    private final String backend;

    ZsyncClientLoad(String backend) {
        this.backend = backend;
    }

    @Override
    public String name() {
        return "zsync-client-" + backend;
    }

    @Override
    public double requestsPerSecond(URI uri, int warmup, int requests, Duration limit)
            throws IOException, InterruptedException {
        ClientOptions pool = ClientOptions.defaults().maxConnectionsPerOrigin(HttpClientBench.CONCURRENCY);
        try (Io io = Io.open(backend); HttpClient client = HttpClient.open(io, pool)) {
            return io.async(() -> {
                try {
                    return io.withTimeout(limit, () -> {
                        send(io, client, uri, warmup);
                        long start = System.nanoTime();
                        send(io, client, uri, requests);
                        return requests * 1e9 / (System.nanoTime() - start);
                    });
                } catch (TimeoutException e) {
                    throw new IOException(name() + " did not finish its requests within " + limit.toSeconds() + " s");
                }
            }).await();
        }
    }

    /** Sends {@code count} requests from {@link HttpClientBench#CONCURRENCY} tasks. */
    private static void send(Io io, HttpClient client, URI uri, int count) throws IOException {
        AtomicInteger remaining = new AtomicInteger(count);
        try (Group<IOException> senders = io.group()) {
            for (int i = 0; i < HttpClientBench.CONCURRENCY; i++) {
                senders.concurrent(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        try (ClientResponse response = client.send(ClientRequest.get(uri))) {
                            ClientLoad.check(response.status(), response.bodyBytes());
                        }
                    }
                });
            }
            senders.await();
        }
    }
}
