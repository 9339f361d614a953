package io.zsync.bench;

import io.zsync.AsyncStackTrace;
import io.zsync.Io;
import io.zsync.IoOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The spawn benchmark: how long it takes to start a trivial task, keep its handle, and await it,
 * on each zsync backend and on two baselines measured in the same run.
 *
 * <p>Each contender spawns {@code tasks} tasks, keeping every handle, then awaits them all and
 * checks the sum of their results. The contenders, in the order they run:
 * {@code blocking}, {@code threaded}, {@code virtual} ({@code io.async} on that backend, then
 * {@code await}), {@code evented} (the same, from inside a task of its own, so that the tasks
 * start on its event loop), each of {@code virtual} and {@code evented} also as
 * {@code <backend>-traces-off} (opened with {@code IoOptions.asyncTrace(OFF)}, to price the default
 * async stack traces), {@code raw-virtual-threads} ({@code Thread.ofVirtual().start}, then
 * {@code join}; the baseline), {@code completable-future} ({@code supplyAsync} on the common
 * pool, then {@code join}) and, when its peer is built, {@code tokio} ({@code tokio::spawn} on
 * Tokio's multi-threaded runtime, then awaiting each {@code JoinHandle}, from inside the runtime;
 * a process of its own per round, which does its own warm-up and timing).
 *
 * <p>One warm-up round of every contender runs first and is not reported. Then each of
 * {@code rounds} rounds runs every contender once, in turn, with a garbage collection before each
 * so that one contender's garbage is not collected on another's time. A contender's result is
 * the median over the rounds of its elapsed time divided by {@code tasks}, in ns/task.
 *
 * <p>Handles are kept until the end of a run, so a run holds {@code tasks} of them at once: give
 * the JVM a young generation big enough for a run's garbage (under 1 KB per task), or collections
 * inside the timed runs, whose pauses grow with what is live, will dominate the numbers. Do one
 * {@link #run} at a time: runs side by side would measure each other.
 */
public final class SpawnBench {

    /** The contender every other is compared with. */
    public static final String BASELINE = "raw-virtual-threads";
    /** The number of tasks per contender and round when none is given. */
    public static final int DEFAULT_TASKS = 1_000_000;
    /** The number of measured rounds when none is given. */
    public static final int DEFAULT_ROUNDS = 5;

    private static final String NAME = "spawn";
    private static final String UNIT = "ns/task";
    private static final List<String> BACKENDS = List.of("blocking", "threaded", "virtual");
    /** Spawns from inside one of its own tasks, like Tokio's peer. */
    private static final String EVENTED = "evented";
    /** The thread backend also measured with async traces off, to price them. */
    private static final String TRACED = "virtual";
    /** Tokio's peer, in a process of its own per round. */
    private static final String TOKIO = "tokio";

    private final int tasks;
    private final int rounds;
    private final long expectedSum;

    /**
     * A benchmark of {@code rounds} measured rounds of {@code tasks} tasks per contender.
     *
     * @param tasks  the tasks each contender spawns per round
     * @param rounds the measured rounds, after the warm-up
     * @throws IllegalArgumentException if either is below 1
     */
    public SpawnBench(int tasks, int rounds) {
        if (tasks < 1 || rounds < 1) {
            throw new IllegalArgumentException("the spawn bench needs at least 1 task and 1 round, not "
                    + tasks + " tasks and " + rounds + " rounds");
        }
        this.tasks = tasks;
        this.rounds = rounds;
        this.expectedSum = SpawnWorkload.expectedSum(tasks);
    }

    /**
     * Runs the benchmark.
     *
     * @param progress told one line per contender and round as it ends, such as
     *        {@code "round 2/5  virtual  431.2 ns/task"}, followed by the time spent in GC during
     *        the run if there was any; warm-up lines start with {@code "warm-up"}
     * @return the median ns/task of every contender, in the order they ran
     * @throws IllegalStateException if a contender's tasks did not sum up as they should
     * @throws InterruptedException if the calling thread is interrupted
     */
    public BenchReport run(Consumer<String> progress) throws InterruptedException, IOException {
        return run(null, progress);
    }

    /**
     * Runs the benchmark with Tokio's peer, as {@code tokio}, when {@code peers} has it built.
     *
     * @param peers the built peers, or {@code null} to leave Tokio out without a word
     * @see #run(Consumer)
     * @throws IOException if the Tokio peer failed
     */
    public BenchReport run(Peers peers, Consumer<String> progress) throws InterruptedException, IOException {
        List<Io> ios = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        try {
            Map<String, SpawnRound> contenders = new LinkedHashMap<>();
            for (String backend : BACKENDS) {
                Io io = Io.open(backend);
                ios.add(io);
                contenders.put(backend, SpawnRound.inProcess(backend, SpawnWorkload.viaIo(io)));
            }
            Io virtualUntraced = openWithTracesOff(TRACED);
            ios.add(virtualUntraced);
            contenders.put(untraced(TRACED), SpawnRound.inProcess(untraced(TRACED), SpawnWorkload.viaIo(virtualUntraced)));
            Io evented = Io.open(EVENTED);
            ios.add(evented);
            contenders.put(EVENTED, SpawnRound.inProcess(EVENTED, SpawnWorkload.viaIoInTask(evented)));
            Io eventedUntraced = openWithTracesOff(EVENTED);
            ios.add(eventedUntraced);
            contenders.put(untraced(EVENTED),
                    SpawnRound.inProcess(untraced(EVENTED), SpawnWorkload.viaIoInTask(eventedUntraced)));
            contenders.put(BASELINE, SpawnRound.inProcess(BASELINE, SpawnWorkload::rawVirtualThreads));
            contenders.put("completable-future",
                    SpawnRound.inProcess("completable-future", SpawnWorkload::completableFutures));
            if (peers != null) {
                try {
                    contenders.put(TOKIO, new TokioSpawnRound(peers.tokioSpawn()));
                } catch (IOException notBuilt) {
                    skipped.put(TOKIO, notBuilt.getMessage());
                }
            }
            return measure(contenders, skipped, progress);
        } finally {
            ios.forEach(Io::close);
        }
    }

    private BenchReport measure(Map<String, SpawnRound> contenders, Map<String, String> skipped,
            Consumer<String> progress) throws InterruptedException, IOException {
        String lineFormat = "%-10s %-" + contenders.keySet().stream().mapToInt(String::length).max().orElse(0)
                + "s  %8.1f " + UNIT + "%s";
        for (Map.Entry<String, SpawnRound> c : contenders.entrySet()) {
            nsPerTask("warm-up", c, lineFormat, progress);
        }
        Map<String, double[]> samples = new LinkedHashMap<>();
        contenders.keySet().forEach(name -> samples.put(name, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            String label = "round " + (round + 1) + "/" + rounds;
            for (Map.Entry<String, SpawnRound> c : contenders.entrySet()) {
                samples.get(c.getKey())[round] = nsPerTask(label, c, lineFormat, progress);
            }
        }
        List<Measurement> results = new ArrayList<>();
        samples.forEach((name, ns) -> results.add(new Measurement(name, median(ns), UNIT)));
        Map<String, Long> parameters = new LinkedHashMap<>();
        parameters.put("tasks", (long) tasks);
        parameters.put("rounds", (long) rounds);
        return new BenchReport(NAME, parameters, BASELINE, false, results, skipped);
    }

    /** Runs {@code contender} once, tells {@code progress}, and returns its ns/task. */
    private double nsPerTask(String label, Map.Entry<String, SpawnRound> contender, String lineFormat,
            Consumer<String> progress) throws InterruptedException, IOException {
        SpawnRound.Timing timing = contender.getValue().run(tasks, expectedSum);
        progress.accept(String.format(Locale.ROOT, lineFormat, label, contender.getKey(), timing.nsPerTask(),
                timing.note()));
        return timing.nsPerTask();
    }

    /**
     * What the default async stack traces cost on the spawn path: for {@code virtual} and
     * {@code evented}, the ratio of their ns/task to that of the same backend with traces off,
     * measured in {@code report}'s run (1.0: free).
     */
    public static Map<String, Double> traceOverheads(BenchReport report) {
        Map<String, Double> overheads = new LinkedHashMap<>();
        for (String backend : List.of(TRACED, EVENTED)) {
            Measurement traced = report.result(backend);
            Measurement untraced = report.result(untraced(backend));
            if (traced != null && untraced != null) {
                overheads.put(backend, traced.value() / untraced.value());
            }
        }
        return overheads;
    }

    private static String untraced(String backend) {
        return backend + "-traces-off";
    }

    /** Opens {@code backend} with spawn sites not captured. */
    private static Io openWithTracesOff(String backend) {
        return Io.open(backend, IoOptions.defaults().asyncTrace(AsyncStackTrace.Capture.OFF));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
