package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoBenchTest {

    /** What the fakes did, in order: "start NAME", "load NAME", "close NAME". */
    private final List<String> events = new ArrayList<>();
    /** The rates the fake load reports, per port, one per round. */
    private final Map<Integer, Deque<Double>> rates = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private final List<String> progress = new ArrayList<>();

    /** A fake load: reports the next of the port's rates, 5 seconds at a time. */
    private final EchoLoad load = (port, seconds) -> {
        assertEquals(5, seconds);
        events.add("load " + names.get(port));
        return rates.get(port).removeFirst();
    };

    /** A contender whose fake servers listen on {@code port} and measure {@code perRound}, round by round. */
    private Contender fake(String name, int port, double... perRound) {
        names.put(port, name);
        Deque<Double> queue = new ArrayDeque<>();
        for (double rate : perRound) {
            queue.add(rate);
        }
        rates.put(port, queue);
        return Contender.of(name, () -> new FakeServer(name, port));
    }

    private final class FakeServer implements EchoServer {
        private final String name;
        private final int port;

        FakeServer(String name, int port) {
            this.name = name;
            this.port = port;
        }

        @Override
        public int start() throws IOException {
            events.add("start " + name);
            if (port < 0) {
                throw new IOException("cannot listen");
            }
            return port;
        }

        @Override
        public void close() {
            events.add("close " + name);
        }
    }

    @Test
    void servers_alternate_in_every_round_each_started_loaded_and_closed_in_turn() throws Exception {
        List<Contender> contenders = List.of(fake("echo-aa", 1, 1, 1), fake("echo-bb", 2, 1, 1));

        new EchoBench(2, 5).run(contenders, load, progress::add);

        assertEquals(List.of(
                "start echo-aa", "load echo-aa", "close echo-aa", "start echo-bb", "load echo-bb", "close echo-bb",
                "start echo-aa", "load echo-aa", "close echo-aa", "start echo-bb", "load echo-bb", "close echo-bb"),
                events);
    }

    @Test
    void each_result_is_the_median_of_its_rounds_in_msg_per_s_with_ratios_to_tokio() throws Exception {
        List<Contender> contenders = List.of(
                fake("echo-virtual", 1, 300, 100, 200),
                fake("echo-tokio", 2, 400, 500, 450),
                fake("echo-go", 3, 1000, 900, 3000));

        BenchReport report = new EchoBench(3, 5).run(contenders, load, progress::add);

        assertEquals("echo", report.bench());
        assertEquals("echo-tokio", report.baseline());
        assertTrue(report.higherIsBetter());
        assertEquals(List.of(new Measurement("echo-virtual", 200, "msg/s"), new Measurement("echo-tokio", 450, "msg/s"),
                new Measurement("echo-go", 1000, "msg/s")), report.results());
        assertEquals(2.0 / 4.5, report.ratio(report.result("echo-virtual")), 1e-9);
        assertEquals(Map.of("connections", 64L, "size", 64L, "seconds", 5L, "rounds", 3L), report.parameters());
        assertEquals(Map.of(), report.skipped());
    }

    @Test
    void progress_tells_one_line_per_server_and_round_with_the_rate() throws Exception {
        new EchoBench(2, 5).run(List.of(fake("echo-go", 1, 231402.4, 1), fake("echo-jdk", 2, 7, 8)), load, progress::add);

        assertEquals(4, progress.size(), progress::toString);
        assertEquals("round 1/2  echo-go      231,402 msg/s", progress.get(0));
        assertEquals("round 2/2  echo-jdk           8 msg/s", progress.get(3));
    }

    @Test
    void an_unavailable_server_is_skipped_and_reported_and_the_first_server_is_the_baseline_without_tokio()
            throws Exception {
        List<Contender> contenders = List.of(
                fake("echo-virtual", 1, 100),
                Contender.unavailable("echo-tokio", "not built: no cargo"),
                fake("echo-go", 3, 50));

        BenchReport report = new EchoBench(1, 5).run(contenders, load, progress::add);

        assertEquals("echo-virtual", report.baseline());
        assertEquals(List.of("echo-virtual", "echo-go"), report.results().stream().map(Measurement::name).toList());
        assertEquals(Map.of("echo-tokio", "not built: no cargo"), report.skipped());
        assertEquals("skipped echo-tokio: not built: no cargo", progress.getFirst());
        assertTrue(events.stream().noneMatch(e -> e.contains("echo-tokio")), events::toString);
    }

    @Test
    void a_run_with_no_available_server_fails_and_says_why() {
        IOException failure = assertThrows(IOException.class, () -> new EchoBench(1, 5).run(
                List.of(Contender.unavailable("echo-go", "not built: no Go")), load, progress::add));

        assertTrue(failure.getMessage().contains("echo-go=not built: no Go"), failure::getMessage);
    }

    @Test
    void a_server_that_cannot_start_fails_the_run_naming_it_and_the_round_and_is_closed() {
        List<Contender> contenders = List.of(fake("echo-go", 1, 10, 10), fake("echo-broken", -1));

        IOException failure = assertThrows(IOException.class, () -> new EchoBench(2, 5).run(contenders, load, progress::add));

        assertEquals("echo-broken, round 1/2: cannot listen", failure.getMessage());
        assertEquals(List.of("start echo-go", "load echo-go", "close echo-go", "start echo-broken", "close echo-broken"),
                events);
    }

    @Test
    void a_failed_load_fails_the_run_naming_the_server_and_closes_it() {
        EchoLoad failing = (port, seconds) -> {
            throw new IOException("the echo of message 3 differs from what was sent");
        };

        IOException failure = assertThrows(IOException.class,
                () -> new EchoBench(1, 5).run(List.of(fake("echo-go", 1)), failing, progress::add));

        assertEquals("echo-go, round 1/1: the echo of message 3 differs from what was sent", failure.getMessage());
        assertEquals(List.of("start echo-go", "close echo-go"), events);
    }

    @Test
    void contenders_need_distinct_names_and_the_bench_at_least_a_round_of_a_second() {
        List<Contender> twice = List.of(fake("echo-go", 1, 1), Contender.unavailable("echo-go", "twice"));

        assertThrows(IllegalArgumentException.class, () -> new EchoBench(1, 5).run(twice, load, progress::add));
        assertThrows(IllegalArgumentException.class, () -> new EchoBench(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new EchoBench(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Contender("echo-go", null, null));
    }
}
