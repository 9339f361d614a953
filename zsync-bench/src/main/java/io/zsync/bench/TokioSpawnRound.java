package io.zsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The spawn bench's Tokio peer ({@code peers/rust/spawn}): a process per round that runs the same
 * workload on Tokio's multi-threaded runtime, one warm-up round and one measured round, checks
 * the sum itself and prints {@code ns/task <value>}.
 */
final class TokioSpawnRound implements SpawnRound {

    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);
    private static final String PREFIX = "ns/task ";

    private final Path program;

    TokioSpawnRound(Path program) {
        this.program = program;
    }

    @Override
    public Timing run(int tasks, long expectedSum) throws InterruptedException, IOException {
        try (ChildProcess peer = ChildProcess.start(List.of(program.toString(),
                "-tasks", Integer.toString(tasks), "-rounds", "1"))) {
            if (!peer.waitFor(ROUND_TIMEOUT)) {
                throw new IOException(peer.failure("ran longer than " + ROUND_TIMEOUT));
            }
            if (peer.exitValue() != 0) {
                throw new IOException(peer.failure("exited with status " + peer.exitValue()));
            }
            String last = peer.output().strip().lines().reduce((first, second) -> second).orElse("");
            if (!last.startsWith(PREFIX)) {
                throw new IOException(peer.failure("printed no '" + PREFIX + "<value>' line"));
            }
            try {
                return new Timing(Double.parseDouble(last.substring(PREFIX.length())), "  (in its own process)");
            } catch (NumberFormatException e) {
                throw new IOException(peer.failure("printed a value that is not a number: " + last), e);
            }
        }
    }
}
