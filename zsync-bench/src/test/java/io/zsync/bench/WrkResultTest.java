package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkResultTest {

    /** What wrk 4.1 printed for a plain run here. */
    private static final String PLAIN = """
            Running 2s test @ http://127.0.0.1:18082/plaintext
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.01ms    4.78ms  62.20ms   94.81%
                Req/Sec    12.69k     4.21k   26.74k    82.50%
              51295 requests in 2.06s, 5.63MB read
            Requests/sec:  24897.74
            Transfer/sec:      2.73MB
            """;

    @Test
    void reads_the_rate_the_request_count_and_the_mean_latency() throws IOException {
        WrkResult result = WrkResult.parse(PLAIN);

        assertEquals(new WrkResult(24897.74, 51295, 3.01, 0, 0), result);
    }

    @Test
    void latency_in_microseconds_or_seconds_is_converted_to_milliseconds_and_errors_are_added_up() throws IOException {
        String micros = PLAIN.replace("3.01ms", "812.40us")
                .replace("  51295 requests", "  Socket errors: connect 1, read 20, write 300, timeout 4000\n  51295 requests")
                .replace("Requests/sec", "  Non-2xx or 3xx responses: 17\nRequests/sec");
        String seconds = PLAIN.replace("3.01ms", "1.50s");

        WrkResult fast = WrkResult.parse(micros);

        assertEquals(0.8124, fast.latencyMillis(), 1e-9);
        assertEquals(4321, fast.socketErrors());
        assertEquals(17, fast.errorResponses());
        assertEquals(1500.0, WrkResult.parse(seconds).latencyMillis(), 1e-9);
    }

    @Test
    void output_without_a_rate_fails_quoting_it() {
        IOException failure = assertThrows(IOException.class,
                () -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused\n"));

        assertTrue(failure.getMessage().contains("no 'Requests/sec' line"), failure::getMessage);
        assertTrue(failure.getMessage().endsWith("Connection refused"), failure::getMessage);
    }
}
