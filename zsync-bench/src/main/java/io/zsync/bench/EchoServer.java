package io.zsync.bench;

import java.io.IOException;

/**
 * A TCP echo server that {@link EchoBench} measures: on each connection it accepts, it writes back
 * every byte it reads, in order, until the client closes the connection.
 *
 * <p>An instance serves once: {@link #start} is called once, then {@link #close} once (also when
 * {@code start} failed), from the same thread. The bench makes a fresh instance for every round.
 */
public interface EchoServer extends AutoCloseable {

    /**
     * Starts serving on {@code 127.0.0.1}. When this returns, the server accepts connections: a
     * client may connect, and will be served, at once.
     *
     * @return the port it listens on
     * @throws IOException if it cannot start, with a message that says why
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
