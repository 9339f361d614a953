package io.zsync.cli;

import io.zsync.bench.BenchReport;
import io.zsync.bench.EchoBench;
import io.zsync.bench.Contender;
import io.zsync.bench.Peers;
import io.zsync.bench.JdkEchoServer;
import io.zsync.bench.ZsyncEchoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zsync bench echo}: runs {@link EchoBench} on zsync's echo server (virtual and threaded
 * backends), the Go and Tokio peers and the JDK baseline,
 * loaded by the Go client; progress on stderr, the table on stdout. The peers are those
 * {@code zsync-bench/peers/build.sh} built; one that is not built is skipped and reported, and a
 * missing load client is a failure that says to run the script.
 */
@Command(name = "echo",
        mixinStandardHelpOptions = true,
        description = "TCP echo of 64-byte messages over 64 connections, one message in flight on each, loaded by"
                + " the Go client (zsync-bench/peers/build.sh builds it and the peers); each server in turn in"
                + " every round; reports the median msg/s and the ratio to " + EchoBench.BASELINE + ".")
final class EchoCommand implements Callable<Integer> {

    private static final String THREADED_POOL_PROPERTY = "zsync.threaded.threads";

    @Spec
    private CommandSpec spec;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + EchoBench.DEFAULT_ROUNDS,
            description = "Rounds, each running every server once (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "" + EchoBench.DEFAULT_SECONDS,
            description = "Measured seconds per server and round, after 1 s of warm-up (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--peers", paramLabel = "DIR",
            description = "The peers directory (default: zsync-bench/peers of this checkout).")
    private Path peers;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds and --seconds must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report;
        try {
            report = run(peers != null ? peers : checkoutPeers(), rounds, seconds, err::println);
        } catch (IOException e) {
            // A peer, the client or a server failed: say what, without a stack trace, which would bury it.
            err.println("zsync bench echo: " + e.getMessage());
            return 1;
        }
        output.show(report, spec);
        return 0;
    }

    /**
     * Runs the echo bench on zsync's servers, the peers built in {@code peers} and the JDK baseline.
     *
     * @throws IOException if the load client is not built, or a server or the client failed
     */
    static BenchReport run(Path peers, int rounds, int seconds, Consumer<String> progress)
            throws IOException, InterruptedException {
        Peers built = Peers.build(peers, progress);
        List<Contender> contenders = new ArrayList<>(zsyncServers());
        contenders.addAll(built.echoServers());
        contenders.add(Contender.of("echo-jdk-virtual", JdkEchoServer::new));
        return new EchoBench(rounds, seconds).run(contenders, built.echoClient(), progress);
    }

    /**
     * zsync's echo server on each backend that can serve every connection at once. The threaded
     * backend gets a thread per connection (and one to accept) unless {@code -Dzsync.threaded.threads}
     * says otherwise.
     */
    private static List<Contender> zsyncServers() {
        if (System.getProperty(THREADED_POOL_PROPERTY) == null) {
            System.setProperty(THREADED_POOL_PROPERTY, String.valueOf(2 * EchoBench.CONNECTIONS));
        }
        return List.of(
                Contender.of("echo-virtual", () -> new ZsyncEchoServer("virtual")),
                Contender.of("echo-evented", () -> new ZsyncEchoServer("evented")),
                Contender.of("echo-threaded", () -> new ZsyncEchoServer("threaded")),
                Contender.unavailable("echo-blocking", "the blocking backend runs one task at a time, so it"
                        + " cannot serve " + EchoBench.CONNECTIONS + " connections at once"));
    }

    /**
     * {@code zsync-bench/peers} of the checkout this command runs from: found by going up from
     * where its classes are ({@code zsync-cli/target/classes} under the launcher), else under the
     * working directory.
     */
    static Path checkoutPeers() throws URISyntaxException {
        Path classes = Path.of(EchoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path dir = classes; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("zsync-bench").resolve("peers");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("zsync-bench", "peers");
    }
}
