package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;

/** The suite's own promises: enough distinct behaviours, even on a backend without concurrency, each run two ways. */
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

    @Test
    void every_case_runs_on_a_plain_thread_and_inside_a_task_unless_it_says_why_not() {
        List<Case> cases = IoTck.cases();
        Set<String> tests = new HashSet<>(IoTck.suite("blocking", () -> Io.open("blocking"))
                .map(DynamicNode::getDisplayName).toList());
        assertEquals(2 * cases.size(), tests.size());
        int threadOnly = 0;
        for (Case c : cases) {
            String name = c.area() + ": " + c.name();
            assertTrue(tests.contains("[blocking] " + name), name);
            assertTrue(tests.contains("[blocking] (in a task) " + name), name);
            if (!c.runsInTask()) {
                assertFalse(c.threadOnly().isBlank(), name + ": no reason given for running on a plain thread only");
                threadOnly++;
            }
        }
        assertTrue(threadOnly * 20 <= cases.size(), threadOnly + " of " + cases.size() + " cases run on a plain thread only");
    }
}
