package io.zsync.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one benchmark run: what was measured for each contender, relative to a baseline
 * contender measured in the same run.
 *
 * @param bench      the benchmark's name, such as {@code "spawn"}
 * @param parameters how it was run, such as {@code tasks=1000000, rounds=5}, in a stable order
 * @param baseline   the name of the contender the others are compared with; one of the results
 * @param results    one measurement per contender, in the order they ran
 */
public record BenchReport(String bench, Map<String, Long> parameters, String baseline, List<Measurement> results) {

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
        Measurement base = results.stream()
                .filter(m -> m.name().equals(baseline))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the baseline '" + baseline + "' is not among the results"));
        if (base.value() <= 0) {
            throw new IllegalArgumentException("the baseline '" + baseline + "' measured " + base.value() + " "
                    + base.unit() + "; ratios to it would mean nothing");
        }
    }

    /** {@code m}'s value divided by the baseline's: below 1 is faster (or smaller) than the baseline. */
    public double ratio(Measurement m) {
        return m.value() / result(baseline).value();
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
