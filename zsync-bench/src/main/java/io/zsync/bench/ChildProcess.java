package io.zsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program the bench runs in a process of its own (a peer server, the load client), its standard
 * output and error going to a temporary file. {@link #close} kills it, by its PID, if it still
 * runs, and deletes the file; so does the JVM's exit, so that no peer outlives an interrupted bench.
 */
final class ChildProcess implements AutoCloseable {

    /** How long a killed process has to exit before it is killed forcibly. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** How much of the output an error message quotes: its end, where the reason usually is. */
    private static final int QUOTED_CHARS = 2000;

    private final List<String> command;
    private final Path output;
    private final Process process;
    private final Thread killOnExit;

    private ChildProcess(List<String> command, Path output, Process process) {
        this.command = command;
        this.output = output;
        this.process = process;
        this.killOnExit = Thread.ofPlatform().unstarted(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code command}: the program, then its arguments. */
    static ChildProcess start(List<String> command) throws IOException {
        Path output = Files.createTempFile("zsync-bench-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            return new ChildProcess(List.copyOf(command), output, process);
        } catch (IOException e) {
            Files.deleteIfExists(output);
            throw new IOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit, for at most {@code timeout}; whether it did. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The exit status; only once the process has exited. */
    int exitValue() {
        return process.exitValue();
    }

    /** Everything the process wrote so far, standard output and error interleaved. */
    String output() throws IOException {
        return Files.readString(output);
    }

    /**
     * A message for an exception: the command, {@code what} happened, and the end of its output.
     * Reading the output is best effort here: the message matters more than a missing quote.
     */
    String failure(String what) {
        String quoted;
        try {
            String all = output().strip();
            quoted = all.length() <= QUOTED_CHARS ? all : "..." + all.substring(all.length() - QUOTED_CHARS);
        } catch (IOException e) {
            quoted = "(its output is unreadable: " + e.getMessage() + ")";
        }
        return String.join(" ", command) + " " + what + (quoted.isEmpty() ? "" : "; its output:\n" + quoted);
    }

    /** Kills the process if it still runs, waits for it to exit, and deletes its output. */
    @Override
    public void close() throws IOException {
        try {
            process.destroy();
            if (!waitFor(STOP_TIMEOUT)) {
                process.destroyForcibly();
                waitFor(STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            removeShutdownHook();
            Files.deleteIfExists(output);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting, and the hook is killing the process anyway.
        }
    }
}
