package io.zsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int zsync(String... args) {
        return new CommandLine(new Main())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void demo_runs_every_backend_in_its_own_section() {
        assertEquals(0, zsync("demo"), err::toString);
        String shown = out.toString();
        for (String backend : Io.backends()) {
            assertTrue(shown.contains("== " + backend + " =="), shown);
        }
        assertTrue(shown.contains("ran it inline"), "blocking's race explains the inline run:\n" + shown);
        assertEquals(Io.backends().size(), shown.split("the consumer took 20 items \\(sum 210\\)", -1).length - 1, shown);
        assertEquals(Io.backends().size(), shown.split("under io.withTimeout\\(50 ms\\): canceled at the deadline", -1).length - 1,
                "the deadline fires on every backend, blocking included:\n" + shown);
    }

    @Test
    void bench_spawn_prints_a_row_per_contender_and_writes_the_json_and_the_chart(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("spawn.json");
        Path svg = dir.resolve("spawn.svg");
        // An empty peers directory: no build script to run, so Tokio is skipped rather than built here.
        assertEquals(0, zsync("bench", "spawn", "--tasks", "200", "--rounds", "1", "--peers", dir.toString(),
                "--json", json.toString(), "--svg", svg.toString()), err::toString);
        String table = out.toString();
        for (String name : new String[] {"blocking", "threaded", "virtual", "evented", "raw-virtual-threads",
                "completable-future"}) {
            assertTrue(table.lines().anyMatch(line -> line.startsWith(name + " ")), table);
        }
        assertTrue(err.toString().contains("round 1/1"), err::toString);
        String written = Files.readString(json);
        assertTrue(written.startsWith("{\"bench\":\"spawn\","), written);
        assertTrue(written.contains("\"parameters\":{\"tasks\":200,\"rounds\":1}"), written);
        String chart = Files.readString(svg);
        assertTrue(chart.startsWith("<svg ") && chart.contains(">completable-future</text>"), chart);
    }

    @Test
    void bench_sendfile_and_drain_print_a_row_per_contender(@TempDir Path dir) throws Exception {
        assertEquals(0, zsync("bench", "sendfile", "--mib", "2", "--rounds", "1"), err::toString);
        assertEquals(0, zsync("bench", "drain", "--mib", "1", "--rounds", "1", "--json", dir.resolve("d.json").toString()),
                err::toString);
        String table = out.toString();
        for (String name : new String[] {"sendfile", "transferto-raw", "heap-copy", "drain-gathered", "drain-per-buffer"}) {
            assertTrue(table.lines().anyMatch(line -> line.startsWith(name + " ")), table);
        }
        assertTrue(Files.readString(dir.resolve("d.json")).contains("\"higherIsBetter\":true"));
    }

    @Test
    void bench_without_a_benchmark_is_a_usage_error() {
        assertEquals(2, zsync("bench"));
        assertTrue(err.toString().contains("spawn"), err::toString);
    }

    @Test
    void rounds_below_one_are_refused() {
        assertEquals(2, zsync("bench", "spawn", "--rounds", "0"));
    }
}
