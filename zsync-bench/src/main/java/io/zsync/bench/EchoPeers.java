package io.zsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The echo bench's peers as {@code zsync-bench/peers/build.sh} builds them into
 * {@code target/bin} under the peers directory: the Go load client, and the Go and Tokio servers.
 * A peer the script could not build has, instead of its program, a file {@code <peer>.unbuilt}
 * saying why; a peer never built has neither.
 */
public final class EchoPeers {

    private final Path peers;
    private final Path bin;

    /** The peers built under {@code peers}, the {@code zsync-bench/peers} directory. */
    public EchoPeers(Path peers) {
        this.peers = peers;
        this.bin = peers.resolve("target").resolve("bin");
    }

    /**
     * The Go load client.
     *
     * @throws IOException if it is not built, saying why and what to run
     */
    public EchoLoad client() throws IOException {
        Path program = bin.resolve("go-echo-client");
        if (!Files.isExecutable(program)) {
            throw new IOException("the echo bench's load client is " + whyMissing("go-echo-client"));
        }
        return new GoEchoClient(program);
    }

    /** {@code echo-go} and {@code echo-tokio}, each unavailable, with why, when it is not built. */
    public List<EchoContender> servers() throws IOException {
        return List.of(server("echo-go", "go-echo-server"), server("echo-tokio", "tokio-echo-server"));
    }

    private EchoContender server(String name, String peer) throws IOException {
        Path program = bin.resolve(peer);
        return Files.isExecutable(program)
                ? EchoContender.of(name, () -> new ProcessEchoServer(program))
                : EchoContender.unavailable(name, peer + " is " + whyMissing(peer));
    }

    /** Why {@code peer} is missing, from the build script's note when there is one, and what to run. */
    private String whyMissing(String peer) throws IOException {
        Path note = bin.resolve(peer + ".unbuilt");
        String why = Files.isRegularFile(note) ? Files.readString(note).strip() : "not built";
        return why + " (run " + peers.resolve("build.sh") + ")";
    }
}
