package io.zsync.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one benchmark run: what was measured for each contender, relative to a baseline
 * contender measured in the same run, and which contenders could not be measured, and why.
 *
 * @param bench          the benchmark's name, such as {@code "spawn"}
 * @param parameters     how it was run, such as {@code tasks=1000000, rounds=5}, in a stable order
 * @param baseline       the name of the contender the others are compared with; one of the results
 * @param higherIsBetter whether a higher value is better (a rate, such as msg/s) or a lower one
 *                       (a cost, such as ns/task)
 * @param results        one measurement per contender, in the order they ran
 * @param skipped        the contenders that were not measured, each with why, in a stable order
 */
public record BenchReport(String bench, Map<String, Long> parameters, String baseline, boolean higherIsBetter,
        List<Measurement> results, Map<String, String> skipped) {

    /**
     * Checks the report and copies its collections.
     *
     * @throws IllegalArgumentException if no result is named {@code baseline}, or if the
     *         baseline's value is not positive (the ratios would mean nothing)
     */
    public BenchReport {
        Objects.requireNonNull(bench, "bench");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        results = List.copyOf(results);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        Measurement base = results.stream()
                .filter(m -> m.name().equals(baseline))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the baseline '" + baseline + "' is not among the results"));
        if (base.value() <= 0) {
            throw new IllegalArgumentException("the baseline '" + baseline + "' measured " + base.value() + " "
                    + base.unit() + "; ratios to it would mean nothing");
        }
    }

    /** A report of costs (lower is better, such as ns/task) in which every contender was measured. */
    public BenchReport(String bench, Map<String, Long> parameters, String baseline, List<Measurement> results) {
        this(bench, parameters, baseline, false, results, Map.of());
    }

    /**
     * {@code m}'s value divided by the baseline's: above 1 is better than the baseline when
     * {@link #higherIsBetter}, below 1 otherwise.
     */
    public double ratio(Measurement m) {
        return m.value() / result(baseline).value();
    }

    /** Which way is better, for a reader: {@code "higher is better"} or {@code "lower is better"}. */
    public String direction() {
        return higherIsBetter ? "higher is better" : "lower is better";
    }

    /**
     * The measurement of the contender called {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Measurement result(String name) {
        return results.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result named '" + name + "' in the "
                        + bench + " bench"));
    }
}
