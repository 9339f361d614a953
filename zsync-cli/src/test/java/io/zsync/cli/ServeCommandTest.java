package io.zsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code zsync serve}'s argument errors, each exiting 2 with what to pass, and a server that cannot
 * start exiting 1 with why. Serving itself is FileServerTest's, in zsync-examples; the command
 * runs until Ctrl-C.
 */
class ServeCommandTest {

    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int zsync(String... args) {
        return new CommandLine(new Main())
                .setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private void assertRefused(String saying, String... args) {
        assertEquals(2, zsync(args), err::toString);
        assertTrue(err.toString().contains(saying), err + " should say " + saying);
        err.getBuffer().setLength(0);
    }

    @Test
    void aMissingOrWrongDirectoryIsRefusedWithWhatToPass() throws IOException {
        assertRefused("Missing required parameter: 'DIR'", "serve");
        assertRefused("DIR " + dir.resolve("nothing") + " does not exist; pass the directory whose files to serve",
                "serve", dir.resolve("nothing").toString());
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        assertRefused("DIR " + file + " is not a directory; pass the directory whose files to serve", "serve", file.toString());
    }

    @Test
    void aBadPortHostOrBackendIsRefusedWithWhatToPass() {
        assertRefused("--port 70000 is not a port; pass 1 to 65535, or 0 for any free port",
                "serve", dir.toString(), "--port", "70000");
        assertRefused("--port -1 is not a port", "serve", dir.toString(), "--port", "-1");
        assertRefused("Invalid value for option '--port': 'http' is not an int", "serve", dir.toString(), "--port", "http");
        assertRefused("--backend blocking cannot serve: pass one of virtual, threaded, evented (blocking runs one task",
                "serve", dir.toString(), "--backend", "blocking");
        assertRefused("--backend nope cannot serve: pass one of virtual, threaded, evented", "serve", dir.toString(),
                "--backend", "nope");
        assertRefused("--host no-such-host.invalid is not an address of this machine's", "serve", dir.toString(),
                "--host", "no-such-host.invalid");
    }

    @Test
    void aPortInUseFailsWithTheReason() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, zsync("serve", dir.toString(), "--port", String.valueOf(taken.getLocalPort())));
            assertTrue(err.toString().startsWith("zsync serve: "), err::toString);
            assertTrue(err.toString().contains(String.valueOf(taken.getLocalPort())), err::toString);
        }
    }
}
