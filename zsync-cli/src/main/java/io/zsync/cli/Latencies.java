package io.zsync.cli;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Durations gathered into an HdrHistogram, shown as milliseconds: count, percentiles, maximum. */
final class Latencies {

    /** Table columns matching {@link #row()}. */
    static final String HEADER = "| count | p50 ms | p90 ms | p99 ms | max ms | total ms |";
    static final String RULE = "| ---: | ---: | ---: | ---: | ---: | ---: |";

    private final Histogram histogram = new Histogram(3);
    private long totalNanos;

    void add(long nanos) {
        histogram.recordValue(Math.max(0, nanos));
        totalNanos += Math.max(0, nanos);
    }

    long count() {
        return histogram.getTotalCount();
    }

    long totalNanos() {
        return totalNanos;
    }

    long maxNanos() {
        return histogram.getMaxValue();
    }

    /** The cells of {@link #HEADER}, without the leading and trailing bar. */
    String row() {
        if (count() == 0) {
            return "0 | | | | | ";
        }
        return String.format(Locale.ROOT, "%d | %s | %s | %s | %s | %s", count(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getMaxValue()), millis(totalNanos));
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
