package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The suite's own promises: enough distinct behaviours, even on a backend without concurrency. */
class SuiteSizeTest {

    @Test
    void suite_has_at_least_60_distinct_cases_that_run_without_concurrency() {
        List<Case> cases = IoTck.cases();
        Set<String> names = new HashSet<>();
        cases.forEach(c -> names.add(c.area() + ": " + c.name()));
        assertEquals(cases.size(), names.size(), "two cases share a name");
        long everywhere = cases.stream().filter(c -> !c.needsConcurrency()).count();
        assertTrue(everywhere >= 60, "only " + everywhere + " cases run on a backend without concurrency");
    }
}
