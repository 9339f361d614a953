package io.zsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP benchmark, TechEmpower's plaintext test on loopback: how many {@code GET /plaintext}
 * requests a server answers per second under wrk with {@value Wrk#THREADS} threads and
 * {@value Wrk#CONNECTIONS} keep-alive connections, plain (one request in flight per connection,
 * {@code http-plain}) and pipelined ({@value #PIPELINE_DEPTH} requests per write,
 * {@code http-pipelined}), on zsync's server ({@code zsync-virtual}, {@code zsync-evented}) and
 * the peers ({@code netty-epoll}, {@code netty-io_uring}, {@code go}, {@code hyper},
 * {@code jdk-httpserver}) of {@link PlaintextServers}, each in a process of its own. Then the
 * client side, {@link HttpClientBench}: zsync's pooled client against the JDK's.
 *
 * <p>The servers run alternated, round by round, a fresh process each time, as
 * {@link ServerRounds} does; on each, wrk loads it {@value #WARMUP_SECONDS} s, not counted, then
 * {@code seconds} s plain, then {@code seconds} s pipelined. A result is the median of the rounds,
 * in req/s (higher is better), with its ratio to {@value #BASELINE}, or to the first server when
 * that one is unavailable. A server that cannot run here is reported with why, not measured.
 *
 * <p>A run is bounded in time: per server and round, its start (10 s at most), three wrk runs
 * (each killed 30 s past its duration) and its stop (10 s at most); the client part as
 * {@link HttpClientBench} says. The machine's load average is told before and after.
 */
public final class HttpBench {

    /** The server every other is compared with, when it is available. */
    public static final String BASELINE = PlaintextServers.NETTY_IO_URING;
    /** The number of rounds when none is given. */
    public static final int DEFAULT_ROUNDS = 3;
    /** The measured seconds per server, load and round when none are given. */
    public static final int DEFAULT_SECONDS = 5;
    /** Requests per write in the pipelined load, as in TechEmpower's plaintext test. */
    public static final int PIPELINE_DEPTH = 16;
    static final int WARMUP_SECONDS = 2;
    static final String UNIT = "req/s";

    private final int rounds;
    private final int seconds;

    /**
     * A benchmark of {@code rounds} rounds of {@code seconds} measured seconds per server and load.
     *
     * @throws IllegalArgumentException if either is below 1
     */
    public HttpBench(int rounds, int seconds) {
        if (rounds < 1 || seconds < 1) {
            throw new IllegalArgumentException("the HTTP bench needs at least 1 round of 1 second, not " + rounds
                    + " rounds of " + seconds + " seconds");
        }
        this.rounds = rounds;
        this.seconds = seconds;
    }

    /**
     * Runs the whole benchmark with the peers built in {@code peers}: the servers, then the clients.
     *
     * @param progress told the load average, a line per skipped server, and one per server, load
     *                 and round as it ends, such as {@code "round 1/3  go  pipelined  41,200 req/s  1.9 ms"}
     * @return {@code http-plain}, {@code http-pipelined} and {@code http-client}
     * @throws IOException if wrk is missing, no server can run, or a server, wrk or a client failed
     *         (the message names which, and the round)
     */
    public List<BenchReport> run(Peers peers, Consumer<String> progress) throws IOException, InterruptedException {
        Wrk wrk = peers.wrk();
        progress.accept("loadavg before: " + loadAverage());
        List<BenchReport> reports = new ArrayList<>(servers(PlaintextServers.all(peers), wrk, progress));
        progress.accept("loadavg after the servers: " + loadAverage());
        reports.add(new HttpClientBench(rounds).run(PlaintextServers.java(PlaintextServers.NETTY_EPOLL), progress));
        progress.accept("loadavg after the clients: " + loadAverage());
        return reports;
    }

    /** The server part: {@code http-plain} and {@code http-pipelined}, wrk loading each contender. */
    List<BenchReport> servers(List<Contender> contenders, Wrk wrk, Consumer<String> progress)
            throws IOException, InterruptedException {
        ServerRounds.Load plain = new ServerRounds.Load("plain", UNIT, port -> {
            wrk.run(port, WARMUP_SECONDS, 1);
            return reading(wrk.run(port, seconds, 1));
        });
        ServerRounds.Load pipelined = new ServerRounds.Load("pipelined", UNIT,
                port -> reading(wrk.run(port, seconds, PIPELINE_DEPTH)));
        ServerRounds.Outcome outcome = ServerRounds.run("HTTP", rounds, contenders, List.of(plain, pipelined), progress);
        return List.of(report("http-plain", 1, outcome.medians().get(0), outcome.skipped()),
                report("http-pipelined", PIPELINE_DEPTH, outcome.medians().get(1), outcome.skipped()));
    }

    private static ServerRounds.Reading reading(WrkResult result) {
        String errors = result.socketErrors() == 0 ? "" : String.format(Locale.ROOT, ", %,d socket errors", result.socketErrors());
        return new ServerRounds.Reading(result.requestsPerSecond(),
                String.format(Locale.ROOT, "latency %.2f ms%s", result.latencyMillis(), errors));
    }

    private BenchReport report(String bench, int depth, List<Measurement> results, Map<String, String> skipped) {
        String baseline = results.stream().anyMatch(m -> m.name().equals(BASELINE)) ? BASELINE : results.getFirst().name();
        Map<String, Long> parameters = new LinkedHashMap<>();
        parameters.put("threads", (long) Wrk.THREADS);
        parameters.put("connections", (long) Wrk.CONNECTIONS);
        parameters.put("pipeline", (long) depth);
        parameters.put("seconds", (long) seconds);
        parameters.put("rounds", (long) rounds);
        return new BenchReport(bench, parameters, baseline, true, results, skipped);
    }

    /** {@code /proc/loadavg} as it reads now, or why it cannot be read. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
