package io.zsync.bench;

import java.util.Objects;

/**
 * What a benchmark measured for one contender: a value in a unit, such as {@code 412.0}
 * {@code "ns/task"}. Whether higher or lower is better is the report's
 * {@link BenchReport#higherIsBetter()}.
 *
 * @param name  the contender's name, such as {@code "virtual"}
 * @param value the measured value; finite
 * @param unit  the value's unit, such as {@code "ns/task"}
 */
public record Measurement(String name, double value, String unit) {

    /**
     * Checks the measurement.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public Measurement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " measured " + value + " " + unit + "; a measurement must be finite");
        }
    }
}
