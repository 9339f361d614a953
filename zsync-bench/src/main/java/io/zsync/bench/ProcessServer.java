package io.zsync.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server that is a program of its own, such as the Go or Tokio echo peer or the HTTP bench's
 * servers, run as {@code command... -port N} and listening on {@code 127.0.0.1:N}. {@link #start}
 * picks a free port, runs the command, and returns once the port accepts connections;
 * {@link #close} kills the program by its PID.
 */
final class ProcessServer implements LoopbackServer {

    /** How long the program has to accept a connection after it starts. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(20);
    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private final List<String> command;
    private ChildProcess process;

    /** A server run as {@code program -port N}. */
    ProcessServer(Path program) {
        this(List.of(program.toString()));
    }

    /** A server run as {@code command -port N}: the program, then its arguments, then the port. */
    ProcessServer(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public int start() throws IOException {
        if (process != null) {
            throw new IllegalStateException(command.getFirst() + " was started already");
        }
        int port = freePort();
        List<String> withPort = new ArrayList<>(command);
        withPort.addAll(List.of("-port", Integer.toString(port)));
        process = ChildProcess.start(withPort);
        awaitAccepting(port);
        return port;
    }

    /**
     * A port that was free a moment ago. Another program may take it before the server binds it;
     * then the server exits, and {@link #awaitAccepting} says so.
     */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Connects to the port until a connection succeeds, the program exits, or time runs out. */
    private void awaitAccepting(int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastRefusal = "none";
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException(process.failure("exited with status " + process.exitValue()
                            + " before it accepted a connection"));
                }
                try (Socket probe = new Socket()) {
                    probe.connect(address, CONNECT_TIMEOUT_MILLIS);
                    return;
                } catch (ConnectException | SocketTimeoutException notYet) {
                    // Not listening yet: try again, unless that has gone on for too long.
                    lastRefusal = notYet.getMessage();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException(process.failure("did not accept a connection on " + address + " within "
                            + START_TIMEOUT.toSeconds() + " s (the last attempt: " + lastRefusal + ")"));
                }
                Thread.sleep(RETRY_PAUSE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + command.getFirst() + " to accept connections");
        }
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.close();
        }
    }
}
