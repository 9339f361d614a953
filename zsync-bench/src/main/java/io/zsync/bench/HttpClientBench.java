package io.zsync.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The client side of the HTTP bench ({@code http-client}): how many {@code GET /plaintext}
 * requests per second each {@link ClientLoad} completes against the same server, one process
 * started for the whole part, from {@value #CONCURRENCY} concurrent tasks: zsync's pooled client
 * on the virtual and evented backends, and the JDK's {@code HttpClient}, the baseline
 * ({@value #BASELINE}).
 *
 * <p>Each round runs every client in turn (A B C A B C ...): {@value #WARMUP_REQUESTS} requests,
 * not timed, then {@value #REQUESTS}, timed, through one client. A result is the median of the
 * rounds, in req/s. Each client's turn is bounded by {@link #LIMIT}.
 */
final class HttpClientBench {

    static final String BASELINE = "jdk-httpclient";
    static final int CONCURRENCY = 64;
    static final int WARMUP_REQUESTS = 5_000;
    static final int REQUESTS = 20_000;
    /** How long one client's warm-up and timed requests may take: at 1,000 req/s, a tenth of a fast client's rate here. */
    static final Duration LIMIT = Duration.ofSeconds(60);

    private static final String NAME = "http-client";

    private final int rounds;

    HttpClientBench(int rounds) {
        this.rounds = rounds;
    }

    /** Runs the clients of every kind against {@code server}. */
    BenchReport run(Contender server, Consumer<String> progress) throws IOException, InterruptedException {
        return run(server, List.of(new ZsyncClientLoad("virtual"), new ZsyncClientLoad("evented"), new JdkClientLoad()),
                progress);
    }

    /**
     * Runs {@code clients} against a server of {@code server}'s, started once for all rounds.
     *
     * @param progress told which server, then one line per client and round as it ends
     * @throws IOException if the server is unavailable or failed to start, or a client failed
     *         (the message names it and the round); the server is stopped in every case
     */
    BenchReport run(Contender server, List<ClientLoad> clients, Consumer<String> progress)
            throws IOException, InterruptedException {
        if (!server.available()) {
            throw new IOException("the client bench's server, " + server.name() + ", cannot run: " + server.unavailable());
        }
        progress.accept("clients against " + server.name() + ", " + CONCURRENCY + " concurrent tasks, "
                + WARMUP_REQUESTS + " + " + REQUESTS + " requests each");
        int nameWidth = clients.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        Map<String, double[]> samples = new LinkedHashMap<>();
        clients.forEach(c -> samples.put(c.name(), new double[rounds]));
        try (LoopbackServer running = server.servers().get()) {
            URI uri = URI.create("http://127.0.0.1:" + running.start() + "/plaintext");
            for (int round = 0; round < rounds; round++) {
                String label = "round " + (round + 1) + "/" + rounds;
                for (ClientLoad client : clients) {
                    double rate;
                    try {
                        rate = client.requestsPerSecond(uri, WARMUP_REQUESTS, REQUESTS, LIMIT);
                    } catch (IOException e) {
                        throw new IOException(client.name() + ", " + label + ": " + e.getMessage(), e);
                    }
                    samples.get(client.name())[round] = rate;
                    progress.accept(String.format(Locale.ROOT, "%-10s %-" + nameWidth + "s  %,10.0f %s", label,
                            client.name(), rate, HttpBench.UNIT));
                }
            }
        }
        List<Measurement> results = new ArrayList<>();
        samples.forEach((name, rates) -> results.add(new Measurement(name, SpawnBench.median(rates), HttpBench.UNIT)));
        String baseline = samples.containsKey(BASELINE) ? BASELINE : results.getFirst().name();
        Map<String, Long> parameters = new LinkedHashMap<>();
        parameters.put("concurrency", (long) CONCURRENCY);
        parameters.put("requests", (long) REQUESTS);
        parameters.put("rounds", (long) rounds);
        return new BenchReport(NAME, parameters, baseline, true, results, Map.of());
    }
}
