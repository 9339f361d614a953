package io.zsync.examples.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package) of the test's own, on loopback on a free port,
 * without persistence, with {@code DEBUG} enabled (its {@code DEBUG PROTOCOL} sends every RESP3
 * type). Where it is not installed the test fails when the environment variable {@code CI} is set,
 * and is skipped otherwise.
 */
final class RedisServer implements AutoCloseable {

    /** How long the server may take to start listening. */
    private static final long START_NANOS = TimeUnit.SECONDS.toNanos(20);
    /** How often a start is tried, each on another free port, in case another process takes the port first. */
    private static final int STARTS = 3;

    private final Process process;
    private final int port;
    private final Path log;

    private RedisServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server with {@code extraArgs} ({@code "--requirepass", "s3cret"}); skips or fails the test without redis-server. */
    static RedisServer start(String... extraArgs) throws IOException, InterruptedException {
        Path program = find("redis-server").orElse(null);
        if (program == null) {
            String why = "redis-server is not installed (Debian: apt-get install redis-server)";
            if (System.getenv("CI") != null) {
                fail(why + ", and CI is set: .ci/run installs it");
            }
            Assumptions.abort(why + "; skipping the tests against a real Redis");
        }
        IOException last = null;
        for (int attempt = 0; attempt < STARTS; attempt++) {
            int port = freePort();
            Path log = Files.createTempFile("zsync-redis-" + port, ".log");
            List<String> command = new ArrayList<>(List.of(program.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--enable-debug-command", "yes", "--dir", log.getParent().toString()));
            command.addAll(List.of(extraArgs));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            RedisServer server = new RedisServer(process, port, log);
            try {
                server.awaitListening();
                return server;
            } catch (IOException e) {
                server.close();
                last = e;
            }
        }
        throw last;
    }

    /**
     * Waits until a connection to the port succeeds, bounded: between attempts it waits on the
     * process, so that a server that exited (its port taken) is seen at once.
     */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_NANOS;
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(address(), 1000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("redis-server did not listen on port " + port + " within 20 s; its log: " + logText());
                }
            }
            if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                throw new IOException("redis-server exited with " + process.exitValue() + " before listening; its log: " + logText());
            }
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The settings to reach this server, RESP{@code protocol}. */
    RedisConfig config(int protocol) {
        return RedisConfig.of(address()).withProtocol(protocol);
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Stops the server (SIGTERM, then SIGKILL if it has not exited within 10 s) and deletes its log. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
