package io.zsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Go load client ({@code zsync-bench/peers/go/echo-client}) as an {@link EchoLoad}: run with
 * {@link EchoBench#CONNECTIONS} connections, {@link EchoBench#MESSAGE_SIZE}-byte messages and a
 * warm-up of {@link EchoBench#WARMUP_SECONDS}, its result line parsed by {@link EchoRate#parse}.
 */
final class GoEchoClient implements EchoLoad {

    /**
     * How long past warm-up plus measurement the client may take before it is killed: above its
     * own grace for a stalled server (10 s), so that its message, not a timeout, says what failed.
     */
    private static final Duration OVERRUN = Duration.ofSeconds(20);

    private final Path program;

    GoEchoClient(Path program) {
        this.program = program;
    }

    @Override
    public double messagesPerSecond(int port, int seconds) throws IOException, InterruptedException {
        List<String> command = List.of(program.toString(),
                "-addr", "127.0.0.1:" + port,
                "-conns", Integer.toString(EchoBench.CONNECTIONS),
                "-size", Integer.toString(EchoBench.MESSAGE_SIZE),
                "-warmup", EchoBench.WARMUP_SECONDS + "s",
                "-duration", seconds + "s");
        try (ChildProcess client = ChildProcess.start(command)) {
            Duration limit = Duration.ofSeconds(EchoBench.WARMUP_SECONDS + seconds).plus(OVERRUN);
            if (!client.waitFor(limit)) {
                throw new IOException(client.failure("did not finish within " + limit.toSeconds() + " s"));
            }
            if (client.exitValue() != 0) {
                throw new IOException(client.failure("failed with status " + client.exitValue()));
            }
            return EchoRate.parse(client.output()).perSecond();
        }
    }
}
