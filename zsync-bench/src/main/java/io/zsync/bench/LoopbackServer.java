package io.zsync.bench;

import java.io.IOException;

/**
 * A server a benchmark measures, on {@code 127.0.0.1}: an {@link EchoServer}, or one of the HTTP
 * bench's plaintext servers. What it serves is the benchmark's contract; this is how it starts
 * and stops.
 *
 * <p>An instance serves once: {@link #start} is called once, then {@link #close} once (also when
 * {@code start} failed), from the same thread. A benchmark makes a fresh instance for every round.
 */
public interface LoopbackServer extends AutoCloseable {

    /**
     * Starts serving on {@code 127.0.0.1}. When this returns, the server accepts connections: a
     * client may connect, and will be served, at once.
     *
     * @return the port it listens on
     * @throws IOException if it cannot start, with a message that says why
     * @throws IllegalStateException if it was started already
     */
    int start() throws IOException;

    /**
     * Stops serving: stops accepting, closes every connection, and releases the port. Connections
     * the client has closed already are no error.
     *
     * @throws IOException if it could not stop cleanly
     */
    @Override
    void close() throws IOException;
}
