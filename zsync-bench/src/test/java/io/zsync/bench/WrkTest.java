package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the bench runs wrk, with a script standing in for it, and the pipelining script under the real wrk. */
class WrkTest {

    /** The pipelining script, in the source tree (the tests run in zsync-bench). */
    static final Path PIPELINE = Path.of("peers", "wrk", "pipeline.lua");

    private static final String REPORT = """
                Latency     1.00ms    2.00ms  30.00ms   90.00%
              5000 requests in 5.00s, 1.00MB read
            Requests/sec:   1000.00
            """;

    @TempDir
    Path dir;

    @Test
    void plain_runs_have_no_script_and_pipelined_ones_send_the_depth_to_the_script() throws Exception {
        Path args = dir.resolve("args");
        Path wrk = PeersTest.program(dir.resolve("wrk"), "echo \"$@\" >> '" + args + "'\ncat <<'EOF'\n" + REPORT + "EOF");

        WrkResult plain = new Wrk(wrk, PIPELINE).run(4321, 5, 1);
        new Wrk(wrk, PIPELINE).run(4321, 3, 16);

        assertEquals(1000.0, plain.requestsPerSecond());
        assertEquals(List.of("-t2 -c64 -d5s http://127.0.0.1:4321/plaintext",
                "-t2 -c64 -d3s -s " + PIPELINE.toAbsolutePath() + " http://127.0.0.1:4321/plaintext -- 16"), Files.readAllLines(args));
    }

    @Test
    void error_statuses_fail_the_run_so_that_a_server_answering_errors_fast_does_not_look_fast() throws Exception {
        Path wrk = PeersTest.program(dir.resolve("wrk"),
                "cat <<'EOF'\n" + REPORT.replace("Requests/sec", "  Non-2xx or 3xx responses: 5000\nRequests/sec") + "EOF");

        IOException failure = assertThrows(IOException.class, () -> new Wrk(wrk, PIPELINE).run(4321, 5, 1));

        assertTrue(failure.getMessage().contains("completed 5000 requests, 5000 of them answered with an error status"),
                failure::getMessage);
    }

    @Test
    void a_failing_wrk_fails_the_run_with_its_status_and_message() throws Exception {
        Path wrk = PeersTest.program(dir.resolve("wrk"), "echo 'unable to connect to 127.0.0.1:4321' >&2\nexit 1");

        IOException failure = assertThrows(IOException.class, () -> new Wrk(wrk, PIPELINE).run(4321, 5, 1));

        assertTrue(failure.getMessage().contains("failed with status 1"), failure::getMessage);
        assertTrue(failure.getMessage().endsWith("unable to connect to 127.0.0.1:4321"), failure::getMessage);
    }

    /**
     * wrk, given the pipelining script and a depth of 16, writes 16 requests at once, then waits
     * for their 16 answers: a server that answers none sees exactly 16 on the connection.
     */
    @Test
    void the_pipelining_script_makes_wrk_send_sixteen_requests_per_write() throws Exception {
        Path wrk = installedWrk();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            List<String> command = new Wrk(wrk, PIPELINE).command(listener.getLocalPort(), 1, 16);
            command.set(1, "-t1");
            command.set(2, "-c1");
            try (ChildProcess load = ChildProcess.start(command)) {
                String received = "";
                // wrk first connects once and closes, to check the address; the requests come on the next connection.
                for (int connections = 0; received.isEmpty() && connections < 3; connections++) {
                    try (Socket connection = listener.accept()) {
                        connection.setSoTimeout(10_000);
                        received = readRequests(connection.getInputStream(), 16);
                    }
                }

                assertEquals(16, count(Pattern.compile("GET /plaintext HTTP/1\\.1\r\n"), received), received);
                assertEquals(16, count(Pattern.compile("\r\n\r\n"), received), "16 whole requests, nothing more");
            }
        }
    }

    /** Reads until {@code requests} request heads have arrived (a 17th would come with them, in the same write). */
    private static String readRequests(InputStream in, int requests) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (count(Pattern.compile("\r\n\r\n"), received.toString(StandardCharsets.US_ASCII)) < requests
                && received.size() < 1 << 20) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.US_ASCII);
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** wrk on the PATH; its absence fails the test in CI, and skips it elsewhere. */
    static Path installedWrk() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path wrk = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(wrk)) {
                return wrk;
            }
        }
        String missing = "wrk is not installed (apt-get install wrk, or run zsync-bench/peers/build.sh)";
        if (System.getenv("CI") != null) {
            throw new AssertionError(missing);
        }
        assumeTrue(false, missing);
        return null;
    }
}
