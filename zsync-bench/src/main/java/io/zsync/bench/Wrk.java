package io.zsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * wrk, the HTTP bench's load, run as a program of its own against {@code GET /plaintext} on
 * {@code 127.0.0.1}: {@code wrk -t2 -c64 -dNs URL}, and pipelined, as TechEmpower's plaintext test
 * does, with {@code -s pipeline.lua URL -- depth}, whose every write sends {@code depth} requests.
 */
final class Wrk {

    /** wrk's threads: one per core of the 2-core machine the bench was written for. */
    static final int THREADS = 2;
    /** Connections, each with one request (or one pipelined batch) in flight. */
    static final int CONNECTIONS = 64;
    /** How long past its duration wrk may take before it is killed: it stops on its own at its end. */
    private static final Duration OVERRUN = Duration.ofSeconds(30);

    private final Path program;
    private final Path pipelineScript;

    /** wrk at {@code program}, pipelining with {@code pipelineScript} ({@code peers/wrk/pipeline.lua}). */
    Wrk(Path program, Path pipelineScript) {
        this.program = program;
        this.pipelineScript = pipelineScript;
    }

    /** The command that loads {@code port} for {@code seconds}, {@code depth} requests per write (1: not pipelined). */
    List<String> command(int port, int seconds, int depth) {
        List<String> command = new ArrayList<>(List.of(program.toString(), "-t" + THREADS, "-c" + CONNECTIONS,
                "-d" + seconds + "s"));
        String url = "http://127.0.0.1:" + port + "/plaintext";
        if (depth > 1) {
            command.addAll(List.of("-s", pipelineScript.toAbsolutePath().toString(), url, "--", Integer.toString(depth)));
        } else {
            command.add(url);
        }
        return command;
    }

    /**
     * Loads the server on {@code port} for {@code seconds}, {@code depth} requests per write.
     *
     * @throws IOException if wrk failed or overran, completed no request, or got an error status
     *         (a server that answers errors fast must not look fast); the message quotes wrk
     */
    WrkResult run(int port, int seconds, int depth) throws IOException, InterruptedException {
        try (ChildProcess wrk = ChildProcess.start(command(port, seconds, depth))) {
            Duration limit = Duration.ofSeconds(seconds).plus(OVERRUN);
            if (!wrk.waitFor(limit)) {
                throw new IOException(wrk.failure("did not finish within " + limit.toSeconds() + " s"));
            }
            if (wrk.exitValue() != 0) {
                throw new IOException(wrk.failure("failed with status " + wrk.exitValue()));
            }
            WrkResult result = WrkResult.parse(wrk.output());
            if (result.requests() == 0 || result.errorResponses() > 0) {
                throw new IOException(wrk.failure("completed " + result.requests() + " requests, "
                        + result.errorResponses() + " of them answered with an error status"));
            }
            return result;
        }
    }
}
