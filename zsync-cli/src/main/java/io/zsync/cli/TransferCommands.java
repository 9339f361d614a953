package io.zsync.cli;

import io.zsync.bench.BenchReport;
import io.zsync.bench.TransferBench;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zsync bench sendfile} and {@code zsync bench drain}: the two halves of {@link TransferBench}. */
final class TransferCommands {

    private TransferCommands() {}

    /** What both commands take: rounds and a size. */
    static final class Sizes {

        @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + TransferBench.DEFAULT_ROUNDS,
                description = "Measured rounds, after one warm-up round (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--mib", paramLabel = "N", description = "MiB moved per contender and round.")
        Long mib;

        TransferBench bench(CommandSpec spec) {
            if (rounds < 1 || (mib != null && mib < 1)) {
                throw new ParameterException(spec.commandLine(), "--rounds and --mib must be at least 1");
            }
            long fileBytes = mib != null ? mib << 20 : TransferBench.DEFAULT_FILE_BYTES;
            long drainBytes = mib != null ? mib << 20 : TransferBench.DEFAULT_DRAIN_BYTES;
            return new TransferBench(rounds, fileBytes, drainBytes);
        }
    }

    /** A command that runs one half of the bench and shows its report. */
    abstract static class TransferCommand implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private Sizes sizes;

        @Mixin
        private ReportOutput output;

        abstract BenchReport run(TransferBench bench, Consumer<String> progress) throws IOException;

        @Override
        public Integer call() throws Exception {
            BenchReport report = run(sizes.bench(spec), spec.commandLine().getErr()::println);
            output.show(report, spec);
            return 0;
        }
    }

    @Command(name = "sendfile",
            mixinStandardHelpOptions = true,
            description = "A file (256 MiB unless --mib says otherwise) to a loopback socket through zsync's"
                    + " Writer.sendFile, against FileChannel.transferTo in a loop and a copy through a heap array;"
                    + " reports the median MiB/s and the ratio to transferto-raw.")
    static final class SendFile extends TransferCommand {

        @Override
        BenchReport run(TransferBench bench, Consumer<String> progress) throws IOException {
            return bench.sendFile(progress);
        }
    }

    @Command(name = "drain",
            mixinStandardHelpOptions = true,
            description = "Writes of 16 buffers of 64 bytes to a loopback socket through an unbuffered zsync Writer"
                    + " (32 MiB unless --mib says otherwise): one gathered drain per write against one drain per"
                    + " buffer; reports the median MiB/s and the ratio to drain-per-buffer.")
    static final class Drain extends TransferCommand {

        @Override
        BenchReport run(TransferBench bench, Consumer<String> progress) throws IOException {
            return bench.drain(progress);
        }
    }
}
