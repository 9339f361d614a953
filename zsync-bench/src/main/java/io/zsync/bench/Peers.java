package io.zsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The benchmarks' peers as {@code zsync-bench/peers/build.sh} builds them into {@code target/bin}
 * under the peers directory: the echo bench's Go load client and Go and Tokio servers, the
 * spawn bench's Tokio program, and the HTTP bench's Go and hyper servers and wrk.
 * A peer the script could not build has, instead of its program, a file {@code <peer>.unbuilt}
 * saying why; a peer never built has neither.
 */
public final class Peers {

    /** Long enough for installing Go and the Tokio crates from Debian, and compiling both. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

    private final Path peers;
    private final Path bin;

    /** The peers built under {@code peers}, the {@code zsync-bench/peers} directory. */
    public Peers(Path peers) {
        this.peers = peers;
        this.bin = peers.resolve("target").resolve("bin");
    }

    /**
     * Runs {@code build.sh} in {@code peers}, when there is one, so that the peers are built (it
     * installs the compilers it needs, and takes a fraction of a second when everything is up to
     * date), then returns the peers. A peer the script could not build is reported unavailable
     * by {@link #echoServers()} and {@link #tokioSpawn()}, with the script's note saying why.
     *
     * @param progress told the script's output, line by line, once it has finished
     * @throws IOException if the script cannot be started or runs longer than 20 minutes
     */
    public static Peers build(Path peers, Consumer<String> progress) throws IOException, InterruptedException {
        Path script = peers.resolve("build.sh");
        if (Files.isRegularFile(script)) {
            try (ChildProcess build = ChildProcess.start(List.of("bash", script.toString()))) {
                if (!build.waitFor(BUILD_TIMEOUT)) {
                    throw new IOException(build.failure("building the peers took longer than " + BUILD_TIMEOUT));
                }
                build.output().lines().forEach(progress);
            }
        }
        return new Peers(peers);
    }

    /**
     * The Go load client.
     *
     * @throws IOException if it is not built, saying why and what to run
     */
    public EchoLoad echoClient() throws IOException {
        Path program = bin.resolve("go-echo-client");
        if (!Files.isExecutable(program)) {
            throw new IOException("the echo bench's load client is " + whyMissing("go-echo-client"));
        }
        return new GoEchoClient(program);
    }

    /** {@code echo-go} and {@code echo-tokio}, each unavailable, with why, when it is not built. */
    public List<Contender> echoServers() throws IOException {
        return List.of(server("echo-go", "go-echo-server"), server("echo-tokio", "tokio-echo-server"));
    }

    private Contender server(String name, String peer) throws IOException {
        Path program = bin.resolve(peer);
        return Files.isExecutable(program)
                ? Contender.of(name, () -> new ProcessServer(program))
                : Contender.unavailable(name, peer + " is " + whyMissing(peer));
    }

    /** {@code go} and {@code hyper}, the HTTP bench's peers, each unavailable, with why, when it is not built. */
    public List<Contender> httpServers() throws IOException {
        return List.of(server("go", "go-http-server"), server("hyper", "hyper-http-server"));
    }

    /**
     * wrk, the HTTP bench's load, with the pipelining script beside {@code build.sh}.
     *
     * @throws IOException if it is not installed, saying why and what to run
     */
    Wrk wrk() throws IOException {
        Path program = bin.resolve("wrk");
        if (!Files.isExecutable(program)) {
            throw new IOException("the HTTP bench's load, wrk, is " + whyMissing("wrk"));
        }
        return new Wrk(program, peers.resolve("wrk").resolve("pipeline.lua"));
    }

    /**
     * The Tokio program of the spawn bench.
     *
     * @throws IOException if it is not built, saying why and what to run
     */
    public Path tokioSpawn() throws IOException {
        Path program = bin.resolve("tokio-spawn");
        if (!Files.isExecutable(program)) {
            throw new IOException("tokio-spawn is " + whyMissing("tokio-spawn"));
        }
        return program;
    }

    /** Why {@code peer} is missing, from the build script's note when there is one, and what to run. */
    private String whyMissing(String peer) throws IOException {
        Path note = bin.resolve(peer + ".unbuilt");
        String why = Files.isRegularFile(note) ? Files.readString(note).strip() : "not built";
        return why + " (run " + peers.resolve("build.sh") + ")";
    }
}
