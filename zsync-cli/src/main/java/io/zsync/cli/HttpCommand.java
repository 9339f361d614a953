package io.zsync.cli;

import io.zsync.bench.BenchReport;
import io.zsync.bench.HttpBench;
import io.zsync.bench.Peers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zsync bench http}: runs {@link HttpBench}, zsync's HTTP server and client against Netty,
 * Go, hyper and the JDK's, with the peers and wrk that {@code zsync-bench/peers/build.sh} builds
 * and installs; progress on stderr, a table per part on stdout. A server that cannot run is
 * skipped and reported; missing wrk is a failure that says to run the script.
 */
@Command(name = "http",
        mixinStandardHelpOptions = true,
        description = "HTTP/1.1 plaintext (GET /plaintext) under wrk -t2 -c64, plain and pipelined "
                + HttpBench.PIPELINE_DEPTH + " deep, on zsync-virtual, zsync-evented, netty-epoll, netty-io_uring, go,"
                + " hyper and jdk-httpserver, each in its own process, each in turn in every round; then zsync's pooled"
                + " client against the JDK HttpClient on one server; reports the median req/s and the ratios to "
                + HttpBench.BASELINE + " (servers) and jdk-httpclient (clients).")
final class HttpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + HttpBench.DEFAULT_ROUNDS,
            description = "Rounds, each running every server and client once (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "" + HttpBench.DEFAULT_SECONDS,
            description = "Measured seconds per server, load and round, after 2 s of warm-up (default: ${DEFAULT-VALUE}).")
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
        List<BenchReport> reports;
        try {
            Peers built = Peers.build(peers != null ? peers : EchoCommand.checkoutPeers(), err::println);
            reports = new HttpBench(rounds, seconds).run(built, err::println);
        } catch (IOException e) {
            // A peer, wrk, a server or a client failed: say what, without a stack trace, which would bury it.
            err.println("zsync bench http: " + e.getMessage());
            return 1;
        }
        output.show("http", reports, spec);
        return 0;
    }
}
