package io.zsync.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the server benchmarks ({@link EchoBench}, {@link HttpBench}) measure: each of {@code rounds}
 * rounds runs every available contender once, in turn (A B C A B C ...), so that a slow spell of
 * the machine falls on all of them. For each, it makes a fresh server,
 * {@linkplain LoopbackServer#start starts} it, takes each of the {@link Load}s in order on it, and
 * closes it. A contender's result for a load is the median of its rounds. Unavailable contenders
 * are not run; the outcome names each, with why.
 */
final class ServerRounds {

    /**
     * One reading a load took of a server.
     *
     * @param value  what it measured, in the load's unit
     * @param detail more for the progress line, such as a latency; empty when there is none
     */
    record Reading(double value, String detail) {}

    /** Loads the server listening on {@code 127.0.0.1:port} and measures it. */
    @FunctionalInterface
    interface Measure {
        /**
         * @throws IOException if the load failed or the server misbehaved; the message says which
         */
        Reading take(int port) throws IOException, InterruptedException;
    }

    /**
     * What is measured of every server in every round, such as wrk's plain load.
     *
     * @param name    the load's name in progress lines (empty when a bench has one load only)
     * @param unit    the unit of its readings, such as {@code "msg/s"}
     * @param measure takes one reading
     */
    record Load(String name, String unit, Measure measure) {}

    /**
     * What the rounds measured.
     *
     * @param medians per load, in the order given, the median of every available contender, in
     *                the order they ran
     * @param skipped the unavailable contenders, each with why
     */
    record Outcome(List<List<Measurement>> medians, Map<String, String> skipped) {}

    private ServerRounds() {}

    /**
     * Runs the rounds.
     *
     * @param what       the benchmark's name, for messages, such as {@code "echo"}
     * @param progress   told one line per skipped contender first, such as
     *                   {@code "skipped echo-tokio: ..."}, then one per contender, load and round as
     *                   it ends, such as {@code "round 2/3  echo-go  231,402 msg/s"}
     * @throws IOException if no contender is available, or a server failed to start or a load
     *         failed (the message names the contender and the round); the server is closed
     * @throws IllegalArgumentException if two contenders have the same name
     */
    static Outcome run(String what, int rounds, List<Contender> contenders, List<Load> loads, Consumer<String> progress)
            throws IOException, InterruptedException {
        Map<String, Contender> available = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Contender c : contenders) {
            if (available.containsKey(c.name()) || skipped.containsKey(c.name())) {
                throw new IllegalArgumentException("two " + what + " contenders are called " + c.name());
            }
            if (c.available()) {
                available.put(c.name(), c);
            } else {
                skipped.put(c.name(), c.unavailable());
                progress.accept("skipped " + c.name() + ": " + c.unavailable());
            }
        }
        if (available.isEmpty()) {
            throw new IOException("no " + what + " server can be measured: " + skipped);
        }
        String lineFormat = lineFormat(available.keySet(), loads);
        Map<String, double[][]> samples = new LinkedHashMap<>();
        available.keySet().forEach(name -> samples.put(name, new double[loads.size()][rounds]));
        for (int round = 0; round < rounds; round++) {
            String label = "round " + (round + 1) + "/" + rounds;
            for (Contender c : available.values()) {
                try (LoopbackServer server = c.servers().get()) {
                    int port = server.start();
                    for (int l = 0; l < loads.size(); l++) {
                        Load load = loads.get(l);
                        Reading reading = load.measure().take(port);
                        samples.get(c.name())[l][round] = reading.value();
                        progress.accept(String.format(Locale.ROOT, lineFormat, label, c.name(), load.name(),
                                reading.value(), load.unit(), reading.detail()).stripTrailing());
                    }
                } catch (IOException e) {
                    throw new IOException(c.name() + ", " + label + ": " + e.getMessage(), e);
                }
            }
        }
        List<List<Measurement>> medians = new ArrayList<>();
        for (int l = 0; l < loads.size(); l++) {
            List<Measurement> results = new ArrayList<>();
            for (Map.Entry<String, double[][]> s : samples.entrySet()) {
                results.add(new Measurement(s.getKey(), SpawnBench.median(s.getValue()[l]), loads.get(l).unit()));
            }
            medians.add(results);
        }
        return new Outcome(medians, skipped);
    }

    /** Round, contender, load (when there are several), value, unit and detail, in aligned columns. */
    private static String lineFormat(Iterable<String> names, List<Load> loads) {
        int nameWidth = 0;
        for (String name : names) {
            nameWidth = Math.max(nameWidth, name.length());
        }
        int loadWidth = loads.stream().mapToInt(l -> l.name().length()).max().orElse(0);
        String load = loadWidth == 0 ? "%3$s" : "%3$-" + loadWidth + "s ";
        return "%1$-10s %2$-" + nameWidth + "s  " + load + "%4$,10.0f %5$s  %6$s";
    }
}
