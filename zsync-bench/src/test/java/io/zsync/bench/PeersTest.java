package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersTest {

    @TempDir
    Path peers;

    @Test
    void a_peer_never_built_is_unavailable_and_says_what_to_run() throws IOException {
        List<Contender> servers = new Peers(peers).echoServers();

        assertEquals(List.of("echo-go", "echo-tokio"), servers.stream().map(Contender::name).toList());
        assertFalse(servers.get(0).available());
        assertEquals("go-echo-server is not built (run " + peers.resolve("build.sh") + ")", servers.get(0).unavailable());
        IOException noClient = assertThrows(IOException.class, () -> new Peers(peers).echoClient());
        assertTrue(noClient.getMessage().startsWith("the echo bench's load client is not built (run "), noClient::getMessage);
        IOException noTokio = assertThrows(IOException.class, () -> new Peers(peers).tokioSpawn());
        assertEquals("tokio-spawn is not built (run " + peers.resolve("build.sh") + ")", noTokio.getMessage());
    }

    @Test
    void a_peer_the_script_could_not_build_says_why_and_a_built_one_is_available() throws IOException {
        Path bin = Files.createDirectories(peers.resolve("target/bin"));
        Files.writeString(bin.resolve("tokio-echo-server.unbuilt"), "not built: no cargo\n");
        program(bin.resolve("go-echo-server"), "exit 0");

        List<Contender> servers = new Peers(peers).echoServers();

        assertTrue(servers.get(0).available());
        assertEquals("tokio-echo-server is not built: no cargo (run " + peers.resolve("build.sh") + ")",
                servers.get(1).unavailable());
    }

    /** Writes an executable shell script at {@code path}. */
    static Path program(Path path, String body) throws IOException {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }
}
