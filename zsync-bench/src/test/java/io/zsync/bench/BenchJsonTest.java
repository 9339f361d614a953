package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchJsonTest {

    @Test
    void report_is_one_object_with_bench_baseline_parameters_and_results_with_ratios() {
        BenchReport report = new BenchReport("spawn", Map.of("tasks", 1000L), "raw-virtual-threads", List.of(
                new Measurement("virtual", 412.0, "ns/task"),
                new Measurement("raw-virtual-threads", 400.0, "ns/task")));

        assertEquals("{\"bench\":\"spawn\",\"baseline\":\"raw-virtual-threads\",\"higherIsBetter\":false,"
                        + "\"parameters\":{\"tasks\":1000},"
                        + "\"results\":[{\"name\":\"virtual\",\"value\":412.0,\"unit\":\"ns/task\",\"ratio\":1.03},"
                        + "{\"name\":\"raw-virtual-threads\",\"value\":400.0,\"unit\":\"ns/task\",\"ratio\":1.0}],"
                        + "\"skipped\":{}}",
                BenchJson.write(report));
    }

    @Test
    void a_rate_report_says_higher_is_better_and_names_each_skipped_contender_with_why() {
        BenchReport report = new BenchReport("echo", Map.of("rounds", 3L), "echo-go", true,
                List.of(new Measurement("echo-go", 250000.0, "msg/s")),
                Map.of("echo-tokio", "not built: \"cargo\" missing"));

        assertEquals("{\"bench\":\"echo\",\"baseline\":\"echo-go\",\"higherIsBetter\":true,"
                        + "\"parameters\":{\"rounds\":3},"
                        + "\"results\":[{\"name\":\"echo-go\",\"value\":250000.0,\"unit\":\"msg/s\",\"ratio\":1.0}],"
                        + "\"skipped\":{\"echo-tokio\":\"not built: \\\"cargo\\\" missing\"}}",
                BenchJson.write(report));
    }

    @Test
    void a_report_refuses_a_baseline_that_gives_no_finite_ratio() {
        List<Measurement> zero = List.of(new Measurement("raw-virtual-threads", 0.0, "ns/task"));
        assertThrows(IllegalArgumentException.class, () -> new BenchReport("spawn", Map.of(), "raw-virtual-threads", zero));
        assertThrows(IllegalArgumentException.class, () -> new BenchReport("spawn", Map.of(), "missing", zero));
    }

    @Test
    void strings_escape_quotes_backslashes_and_control_characters() {
        assertEquals("\"a\\\"b\\\\c\"", BenchJson.quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001f\"", BenchJson.quote("\n\r\t\b\f\u0000\u001f"));
        assertEquals("\"ns/task é ✓\"", BenchJson.quote("ns/task é ✓"));
    }

    @Test
    void several_reports_make_one_object_whose_results_each_name_their_benchmark_baseline_and_direction() {
        BenchReport sendfile = new BenchReport("sendfile", Map.of(), "raw", true,
                List.of(new Measurement("zsync", 900.0, "MiB/s"), new Measurement("raw", 1000.0, "MiB/s")), Map.of());
        BenchReport echo = new BenchReport("echo", Map.of(), "tokio", true,
                List.of(new Measurement("tokio", 100.0, "msg/s")), Map.of("go", "not built"));

        assertEquals("{\"bench\":\"io\",\"results\":["
                        + "{\"name\":\"zsync\",\"value\":900.0,\"unit\":\"MiB/s\",\"ratio\":0.9,\"of\":\"sendfile\",\"baseline\":\"raw\",\"higherIsBetter\":true},"
                        + "{\"name\":\"raw\",\"value\":1000.0,\"unit\":\"MiB/s\",\"ratio\":1.0,\"of\":\"sendfile\",\"baseline\":\"raw\",\"higherIsBetter\":true},"
                        + "{\"name\":\"tokio\",\"value\":100.0,\"unit\":\"msg/s\",\"ratio\":1.0,\"of\":\"echo\",\"baseline\":\"tokio\",\"higherIsBetter\":true}"
                        + "],\"skipped\":{\"go\":\"not built\"}}",
                BenchJson.write("io", List.of(sendfile, echo)));
    }
}
