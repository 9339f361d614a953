package io.zsync.cli;

import io.zsync.bench.BenchJson;
import io.zsync.bench.BenchReport;
import io.zsync.bench.EchoBench;
import io.zsync.bench.TransferBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zsync bench io}: the I/O benchmarks one after the other (sendfile, drain, echo), a table
 * for each, and with {@code --json} all results in one file. The echo part needs the peers that
 * {@code zsync-bench/peers/build.sh} builds; without its load client it is reported and left out.
 */
@Command(name = "io",
        mixinStandardHelpOptions = true,
        description = "Runs the I/O benchmarks in turn: sendfile, drain and echo (see each one's help); prints a"
                + " table for each; --json writes every result to one file, each naming its benchmark and baseline.")
final class IoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Rounds of each benchmark (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "" + EchoBench.DEFAULT_SECONDS,
            description = "Measured seconds per echo server and round (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every result to FILE as JSON.")
    private Path json;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds and --seconds must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TransferBench transfers = new TransferBench(rounds, TransferBench.DEFAULT_FILE_BYTES, TransferBench.DEFAULT_DRAIN_BYTES);
        List<BenchReport> reports = new ArrayList<>();
        reports.add(transfers.sendFile(err::println));
        reports.add(transfers.drain(err::println));
        try {
            reports.add(EchoCommand.run(EchoCommand.checkoutPeers(), rounds, seconds, err::println));
        } catch (IOException e) {
            err.println("zsync bench io: echo left out: " + e.getMessage());
        }
        for (BenchReport report : reports) {
            out.println("== " + report.bench() + " ==");
            ResultTable.print(report, out);
        }
        if (json != null) {
            Files.writeString(json, BenchJson.write("io", reports) + System.lineSeparator());
            err.println("wrote " + json);
        }
        return 0;
    }
}
