package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP bench's server part with stand-ins: servers that only give a port, and a script in
 * place of wrk that reports, for each port, a rate of port x 1000 plain and port x 10000 pipelined.
 */
class HttpBenchTest {

    private static final List<String> NAMES = List.of("zsync-virtual", "zsync-evented", "netty-epoll", "netty-io_uring",
            "go", "hyper", "jdk-httpserver");

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private Contender fake(String name, int port) {
        return Contender.of(name, () -> new LoopbackServer() {
            @Override
            public int start() {
                events.add("start " + name);
                return port;
            }

            @Override
            public void close() {
                events.add("close " + name);
            }
        });
    }

    /** wrk's stand-in: the URL's port gives the rate; "-- 16" multiplies it by 10; every call is logged. */
    private Wrk wrk() throws IOException {
        Path calls = dir.resolve("calls");
        Path script = PeersTest.program(dir.resolve("wrk"), """
                echo "$@" >> '%s'
                port=$(echo "$@" | sed 's|.*127.0.0.1:\\([0-9]*\\)/.*|\\1|')
                rate=$((port * 1000))
                case "$*" in *"-- 16"*) rate=$((rate * 10));; esac
                echo "    Latency     1.00ms    2.00ms  30.00ms   90.00%%"
                echo "  5000 requests in 5.00s, 1.00MB read"
                echo "Requests/sec: $rate.00"
                """.formatted(calls));
        return new Wrk(script, WrkTest.PIPELINE);
    }

    @Test
    void each_server_is_warmed_then_loaded_plain_then_pipelined_servers_alternating_round_by_round() throws Exception {
        new HttpBench(2, 5).servers(List.of(fake("go", 1), fake("hyper", 2)), wrk(), progress::add);

        assertEquals(List.of("start go", "close go", "start hyper", "close hyper", "start go", "close go",
                "start hyper", "close hyper"), events);
        List<String> calls = Files.readAllLines(dir.resolve("calls"));
        assertEquals(12, calls.size(), calls::toString);
        assertEquals("-t2 -c64 -d2s http://127.0.0.1:1/plaintext", calls.get(0), "a warm-up");
        assertEquals("-t2 -c64 -d5s http://127.0.0.1:1/plaintext", calls.get(1));
        assertEquals("-t2 -c64 -d5s -s " + WrkTest.PIPELINE.toAbsolutePath() + " http://127.0.0.1:1/plaintext -- 16", calls.get(2));
        assertEquals("round 1/2  go     plain          1,000 req/s  latency 1.00 ms", progress.get(0));
        assertEquals("round 1/2  go     pipelined     10,000 req/s  latency 1.00 ms", progress.get(1));
    }

    @Test
    void the_reports_are_plain_and_pipelined_with_every_name_and_ratios_to_netty_io_uring() throws Exception {
        List<Contender> contenders = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            contenders.add(fake(NAMES.get(i), i + 1));
        }

        List<BenchReport> reports = new HttpBench(1, 5).servers(contenders, wrk(), progress::add);

        assertEquals(List.of("http-plain", "http-pipelined"), reports.stream().map(BenchReport::bench).toList());
        for (BenchReport report : reports) {
            assertEquals(NAMES, report.results().stream().map(Measurement::name).toList());
            assertEquals("netty-io_uring", report.baseline());
            assertTrue(report.higherIsBetter());
            assertEquals("req/s", report.results().getFirst().unit());
            assertEquals(0.25, report.ratio(report.result("zsync-virtual")), 1e-9, "1000 against 4000");
        }
        assertEquals(7000.0, reports.get(0).result("jdk-httpserver").value());
        assertEquals(70000.0, reports.get(1).result("jdk-httpserver").value());
        assertEquals(Map.of("threads", 2L, "connections", 64L, "pipeline", 16L, "seconds", 5L, "rounds", 1L),
                reports.get(1).parameters());
        String json = BenchJson.write("http", reports);
        assertTrue(json.startsWith("{\"bench\":\"http\",\"results\":[{\"name\":\"zsync-virtual\",\"value\":1000.0,"
                + "\"unit\":\"req/s\",\"ratio\":0.25,\"of\":\"http-plain\",\"baseline\":\"netty-io_uring\","
                + "\"higherIsBetter\":true}"), json);
        assertTrue(json.contains("{\"name\":\"jdk-httpserver\",\"value\":70000.0,\"unit\":\"req/s\",\"ratio\":1.75,"
                + "\"of\":\"http-pipelined\""), json);
    }

    @Test
    void a_server_that_cannot_run_is_reported_in_both_parts_with_why_and_not_started() throws Exception {
        List<Contender> contenders = List.of(fake("netty-epoll", 3), Contender.unavailable("hyper", "not built: no cargo"));

        List<BenchReport> reports = new HttpBench(1, 5).servers(contenders, wrk(), progress::add);

        for (BenchReport report : reports) {
            assertEquals(Map.of("hyper", "not built: no cargo"), report.skipped());
            assertEquals("netty-epoll", report.baseline(), "the first server, without netty-io_uring");
        }
        assertEquals("skipped hyper: not built: no cargo", progress.getFirst());
        assertEquals(List.of("start netty-epoll", "close netty-epoll"), events);
    }

    @Test
    void a_failed_load_fails_the_run_naming_the_server_and_round_and_closes_the_server() throws Exception {
        Wrk failing = new Wrk(PeersTest.program(dir.resolve("wrk"), "echo 'connection refused' >&2\nexit 1"), WrkTest.PIPELINE);

        IOException failure = assertThrows(IOException.class,
                () -> new HttpBench(1, 5).servers(List.of(fake("go", 1)), failing, progress::add));

        assertTrue(failure.getMessage().startsWith("go, round 1/1: "), failure::getMessage);
        assertEquals(List.of("start go", "close go"), events);
    }

    @Test
    void the_bench_needs_at_least_a_round_of_a_second() {
        assertThrows(IllegalArgumentException.class, () -> new HttpBench(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new HttpBench(1, 0));
    }
}
