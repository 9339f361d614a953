package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process plumbing of the peers, with shell scripts standing in for the Go and Tokio programs
 * (the real ones are exercised by {@code zsync bench echo} and {@code zsync bench spawn}, not by
 * unit tests).
 */
class PeerProcessesTest {

    @TempDir
    Path dir;

    @Test
    void the_client_is_run_with_the_bench_workload_and_its_result_line_is_parsed() throws Exception {
        Path args = dir.resolve("args");
        Path client = PeersTest.program(dir.resolve("client"),
                "echo \"$@\" > '" + args + "'\necho 'msgs=500 seconds=2.00 rate=250.0'");

        double rate = new GoEchoClient(client).messagesPerSecond(4321, 2);

        assertEquals(250.0, rate);
        assertEquals("-addr 127.0.0.1:4321 -conns 64 -size 64 -warmup 1s -duration 2s\n", java.nio.file.Files.readString(args));
    }

    @Test
    void a_failing_client_fails_the_load_with_its_status_and_message() throws Exception {
        Path client = PeersTest.program(dir.resolve("client"),
                "echo 'echo-client: connection 3: the server closed the connection' >&2\nexit 1");

        IOException failure = assertThrows(IOException.class, () -> new GoEchoClient(client).messagesPerSecond(4321, 2));

        assertTrue(failure.getMessage().contains("failed with status 1"), failure::getMessage);
        assertTrue(failure.getMessage().endsWith("echo-client: connection 3: the server closed the connection"),
                failure::getMessage);
    }

    @Test
    void a_server_program_that_exits_before_accepting_fails_to_start_with_its_status_and_message() throws Exception {
        Path server = PeersTest.program(dir.resolve("server"), "echo \"cannot listen on port $2\" >&2\nexit 3");

        try (ProcessServer process = new ProcessServer(server)) {
            IOException failure = assertThrows(IOException.class, process::start);

            assertTrue(failure.getMessage().contains(" -port "), failure::getMessage);
            assertTrue(failure.getMessage().contains("exited with status 3 before it accepted a connection"),
                    failure::getMessage);
            assertTrue(failure.getMessage().contains("cannot listen on port "), failure::getMessage);
        }
    }

    @Test
    void tokio_spawn_is_run_for_one_measured_round_and_its_last_line_is_its_time() throws Exception {
        Path args = dir.resolve("args");
        Path peer = PeersTest.program(dir.resolve("tokio-spawn"),
                "echo \"$@\" > '" + args + "'\necho 'ns/task 812.5'");

        SpawnRound.Timing timing = new TokioSpawnRound(peer).run(1000, 0);

        assertEquals(812.5, timing.nsPerTask());
        assertEquals("-tasks 1000 -rounds 1\n", java.nio.file.Files.readString(args));
    }

    @Test
    void a_failing_tokio_spawn_fails_the_round_with_its_status_and_message() throws Exception {
        Path peer = PeersTest.program(dir.resolve("tokio-spawn"), "echo 'spawn: the tasks summed to 1, not 2' >&2\nexit 2");

        IOException failure = assertThrows(IOException.class, () -> new TokioSpawnRound(peer).run(1000, 0));

        assertTrue(failure.getMessage().contains("exited with status 2"), failure::getMessage);
        assertTrue(failure.getMessage().endsWith("spawn: the tasks summed to 1, not 2"), failure::getMessage);
    }
}
