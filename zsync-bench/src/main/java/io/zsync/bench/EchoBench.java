package io.zsync.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The TCP echo benchmark: how many 64-byte messages a server echoes per second to
 * {@value #CONNECTIONS} connections, each with one message in flight, on each contender: the
 * zsync backends and the peers ({@code echo-go}, {@code echo-tokio}, {@code echo-jdk-virtual}),
 * measured in the same run.
 *
 * <p>The contenders run alternated, round by round, on a fresh server each time, as
 * {@link ServerRounds} does: on each, the {@link EchoLoad} loads it for {@value #WARMUP_SECONDS} s,
 * not counted, then for {@code seconds} s, counted. A
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
    public BenchReport run(List<Contender> contenders, EchoLoad load, Consumer<String> progress)
            throws IOException, InterruptedException {
        ServerRounds.Load echoes = new ServerRounds.Load("", UNIT,
                port -> new ServerRounds.Reading(load.messagesPerSecond(port, seconds), ""));
        ServerRounds.Outcome outcome = ServerRounds.run(NAME, rounds, contenders, List.of(echoes), progress);
        List<Measurement> results = outcome.medians().getFirst();
        String baseline = results.stream().anyMatch(m -> m.name().equals(BASELINE)) ? BASELINE : results.getFirst().name();
        Map<String, Long> parameters = new LinkedHashMap<>();
        parameters.put("connections", (long) CONNECTIONS);
        parameters.put("size", (long) MESSAGE_SIZE);
        parameters.put("seconds", (long) seconds);
        parameters.put("rounds", (long) rounds);
        return new BenchReport(NAME, parameters, baseline, true, results, outcome.skipped());
    }
}
