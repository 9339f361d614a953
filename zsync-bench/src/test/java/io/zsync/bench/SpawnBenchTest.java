package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpawnBenchTest {

    @Test
    void tiny_run_reports_every_contender_with_a_positive_value_against_the_baseline() throws Exception {
        List<String> progress = new ArrayList<>();
        BenchReport report = new SpawnBench(1000, 1).run(progress::add);

        assertEquals(List.of("blocking", "threaded", "virtual", "virtual-traces-off", "evented", "evented-traces-off",
                "raw-virtual-threads", "completable-future"),
                report.results().stream().map(Measurement::name).toList());
        for (Measurement m : report.results()) {
            assertTrue(m.value() > 0, m + " is not positive");
            assertEquals("ns/task", m.unit());
        }
        assertEquals(1.0, report.ratio(report.result(SpawnBench.BASELINE)));
        assertEquals(16, progress.size(), "one line per contender for the warm-up and the one round");
        assertTrue(progress.get(8).startsWith("round 1/1  blocking "), progress.get(8));
        assertEquals(List.of("virtual", "evented"), List.copyOf(SpawnBench.traceOverheads(report).keySet()),
                "the price of async traces, on both kinds of backend");
        SpawnBench.traceOverheads(report).values().forEach(ratio -> assertTrue(ratio > 0, "ratio " + ratio));
    }

    @Test
    void median_of_odd_and_even_counts() {
        assertEquals(2.0, SpawnBench.median(new double[] {3, 1, 2}));
        assertEquals(2.5, SpawnBench.median(new double[] {4, 1, 3, 2}));
    }
}
