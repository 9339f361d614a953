package io.zsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zsync.bench.BenchReport;
import io.zsync.bench.Measurement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void the_ratio_heading_says_which_way_is_better_and_skipped_contenders_follow_the_rows() {
        BenchReport report = new BenchReport("echo", Map.of(), "echo-tokio", true, List.of(
                new Measurement("echo-go", 300.0, "msg/s"),
                new Measurement("echo-tokio", 200.0, "msg/s")), Map.of("echo-zig", "not built"));

        assertEquals("""
                name              value  ratio to echo-tokio (higher is better)
                echo-go     300.0 msg/s  1.50x
                echo-tokio  200.0 msg/s  1.00x
                skipped echo-zig: not built
                """, print(report));
    }

    @Test
    void a_cost_report_says_lower_is_better() {
        BenchReport report = new BenchReport("spawn", Map.of(), "raw", List.of(new Measurement("raw", 400.0, "ns/task")));

        assertEquals("""
                name          value  ratio to raw (lower is better)
                raw   400.0 ns/task  1.00x
                """, print(report));
    }

    private static String print(BenchReport report) {
        StringWriter out = new StringWriter();
        ResultTable.print(report, new PrintWriter(out));
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
