package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBenchTest {

    @Test
    void small_run_measures_every_available_contender_and_skips_a_missing_backend_with_why() throws Exception {
        List<String> progress = new ArrayList<>();
        BenchReport report = new MemoryBench(20_000).run(progress::add);

        List<String> expected = new ArrayList<>();
        for (String backend : List.of("evented", "virtual")) {
            if (Io.backends().contains(backend)) {
                expected.add(backend);
            } else {
                assertEquals("this build has no '" + backend + "' backend", report.skipped().get(backend));
            }
        }
        expected.add(MemoryBench.BASELINE);
        assertEquals(expected, report.results().stream().map(Measurement::name).toList());
        for (Measurement m : report.results()) {
            assertTrue(m.value() > 0, m + ": a sleeping task costs something");
            assertEquals("B/task", m.unit());
        }
        assertEquals(expected.size(), progress.size(), "one line per contender");
    }

    @Test
    void no_tasks_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryBench(0));
    }
}
