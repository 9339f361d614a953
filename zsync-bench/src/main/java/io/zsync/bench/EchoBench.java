package io.zsync.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The TCP echo benchmark: how many 64-byte messages a server echoes per second to
 * {@value #CONNECTIONS} connections, each with one message in flight, on each contender: the
 * zsync backends and the peers ({@code echo-go}, {@code echo-tokio}, {@code echo-jdk-virtual}),
 * measured in the same run.
 *
 * <p>Each of {@code rounds} rounds runs every available contender once, in turn (A B C A B C ...),
 * so that a slow spell of the machine falls on all of them. For each, it makes a fresh server,
 * {@linkplain EchoServer#start starts} it, has the {@link EchoLoad} load it for
 * {@value #WARMUP_SECONDS} s, not counted, then for {@code seconds} s, counted, and closes it. A
 * contender's result is the median of its rounds, in msg/s (higher is better), and its ratio to
 * {@value #BASELINE}, or to the first contender measured when that one is unavailable.
 * Unavailable contenders are not run; the report names each, with why.
 *
 * <p>A run is bounded in time: each contender's round takes at most the server's start-up
 * (peers: 10 s), the load ({@value #WARMUP_SECONDS} s + {@code seconds} s, the Go client being
 * killed 20 s past that), and the server's stop (peers: 10 s). Do one {@link #run} at a time:
 * runs side by side would measure each other.
 */
public final class EchoBench {

    /** The contender every other is compared with, when it is available. */
    public static final String BASELINE = "echo-tokio";
    /** The number of rounds when none is given. */
    public static final int DEFAULT_ROUNDS = 3;
    /** The measured seconds per contender and round when none are given. */
    public static final int DEFAULT_SECONDS = 5;

    /** The number of connections the load keeps open, each with one message in flight. */
    public static final int CONNECTIONS = 64;
    static final int MESSAGE_SIZE = 64;
    static final int WARMUP_SECONDS = 1;

    private static final String NAME = "echo";
    private static final String UNIT = "msg/s";

    private final int rounds;
    private final int seconds;

    /**
     * A benchmark of {@code rounds} rounds of {@code seconds} measured seconds per contender.
     *
     * @throws IllegalArgumentException if either is below 1
     */
    public EchoBench(int rounds, int seconds) {
        if (rounds < 1 || seconds < 1) {
            throw new IllegalArgumentException("the echo bench needs at least 1 round of 1 second, not " + rounds
                    + " rounds of " + seconds + " seconds");
        }
        this.rounds = rounds;
        this.seconds = seconds;
    }

    /**
     * Runs the benchmark.
     *
     * @param contenders the servers to measure, in the order they run in each round; distinct names
     * @param load       what loads each server and counts its echoes
     * @param progress   told one line per skipped contender first, such as
     *                   {@code "skipped echo-tokio: ..."}, then one per contender and round as it
     *                   ends, such as {@code "round 2/3  echo-go  231,402 msg/s"}
     * @return the median msg/s of every available contender, in the order they ran, and the
     *         unavailable ones with why
     * @throws IOException if no contender is available, or a server failed to start or to echo
     *         (the message names the contender and the round)
     * @throws IllegalArgumentException if two contenders have the same name
     * @throws InterruptedException if the calling thread is interrupted
     */
    public BenchReport run(List<EchoContender> contenders, EchoLoad load, Consumer<String> progress)
            throws IOException, InterruptedException {
        Map<String, EchoContender> available = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (EchoContender c : contenders) {
            if (available.containsKey(c.name()) || skipped.containsKey(c.name())) {
                throw new IllegalArgumentException("two echo contenders are called " + c.name());
            }
            if (c.available()) {
                available.put(c.name(), c);
            } else {
                skipped.put(c.name(), c.unavailable());
                progress.accept("skipped " + c.name() + ": " + c.unavailable());
            }
        }
        if (available.isEmpty()) {
            throw new IOException("no echo server can be measured: " + skipped);
        }
        String lineFormat = "%-10s %-" + available.keySet().stream().mapToInt(String::length).max().orElseThrow()
                + "s  %,10.0f " + UNIT;
        Map<String, double[]> samples = new LinkedHashMap<>();
        available.keySet().forEach(name -> samples.put(name, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            String label = "round " + (round + 1) + "/" + rounds;
            for (EchoContender c : available.values()) {
                double rate = measure(c, load, label);
                samples.get(c.name())[round] = rate;
                progress.accept(String.format(Locale.ROOT, lineFormat, label, c.name(), rate));
            }
        }
        List<Measurement> results = new ArrayList<>();
        samples.forEach((name, rates) -> results.add(new Measurement(name, SpawnBench.median(rates), UNIT)));
        String baseline = available.containsKey(BASELINE) ? BASELINE : results.getFirst().name();
        Map<String, Long> parameters = new LinkedHashMap<>();
        parameters.put("connections", (long) CONNECTIONS);
        parameters.put("size", (long) MESSAGE_SIZE);
        parameters.put("seconds", (long) seconds);
        parameters.put("rounds", (long) rounds);
        return new BenchReport(NAME, parameters, baseline, true, results, skipped);
    }

    /** Starts a fresh server of {@code contender}'s, loads it, closes it, and returns its msg/s. */
    private double measure(EchoContender contender, EchoLoad load, String label)
            throws IOException, InterruptedException {
        try (EchoServer server = contender.servers().get()) {
            return load.messagesPerSecond(server.start(), seconds);
        } catch (IOException e) {
            throw new IOException(contender.name() + ", " + label + ": " + e.getMessage(), e);
        }
    }
}
