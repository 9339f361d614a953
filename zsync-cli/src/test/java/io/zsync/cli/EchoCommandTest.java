package io.zsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zsync bench echo} without its peers; with them, it is run by hand (it needs Go and Tokio). */
class EchoCommandTest {

    private final StringWriter err = new StringWriter();

    private int zsync(String... args) {
        return new CommandLine(new Main())
                .setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void without_the_load_client_it_fails_and_says_to_run_the_build_script(@TempDir Path peers) {
        assertEquals(1, zsync("bench", "echo", "--peers", peers.toString(), "--rounds", "1", "--seconds", "1"));

        assertTrue(err.toString().startsWith("zsync bench echo: the echo bench's load client is not built (run "
                + peers.resolve("build.sh") + ")"), err::toString);
    }

    @Test
    void rounds_and_seconds_below_one_are_refused() {
        assertEquals(2, zsync("bench", "echo", "--rounds", "0"));
        assertEquals(2, zsync("bench", "echo", "--seconds", "0"));
    }
}
