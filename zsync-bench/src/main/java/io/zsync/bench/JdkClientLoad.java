package io.zsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code jdk-httpclient} baseline of {@link HttpClientBench}: one {@code java.net.http.HttpClient}
 * (HTTP/1.1, its own keep-alive pool) called with the blocking {@code send} from a virtual thread
 * per concurrent task, as a Java user writes it.
 */
final class JdkClientLoad implements ClientLoad {

    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public double requestsPerSecond(URI uri, int warmup, int requests, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            send(client, request, warmup, deadline, limit);
            long start = System.nanoTime();
            send(client, request, requests, deadline, limit);
            return requests * 1e9 / (System.nanoTime() - start);
        }
    }

    /** Sends {@code count} requests from {@link HttpClientBench#CONCURRENCY} virtual threads. */
    private static void send(HttpClient client, HttpRequest request, int count, long deadline, Duration limit)
            throws IOException, InterruptedException {
        AtomicInteger remaining = new AtomicInteger(count);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> senders = new ArrayList<>();
            for (int i = 0; i < HttpClientBench.CONCURRENCY; i++) {
                senders.add(threads.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        ClientLoad.check(response.statusCode(), response.body());
                    }
                    return null;
                }));
            }
            try {
                for (Future<Void> sender : senders) {
                    sender.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                threads.shutdownNow();
                throw new IOException("jdk-httpclient did not finish its requests within " + limit.toSeconds() + " s");
            } catch (ExecutionException e) {
                threads.shutdownNow();
                throw new IOException("jdk-httpclient: " + e.getCause(), e.getCause());
            }
        }
    }
}
