package io.zsync.bench;

import java.io.IOException;

/**
 * What loads an echo server for {@link EchoBench} and counts the echoes: {@link Peers#client()},
 * the Go load client, for real runs.
 */
@FunctionalInterface
public interface EchoLoad {

    /**
     * Loads the echo server listening on {@code 127.0.0.1:port} for {@code seconds} seconds, after
     * a warm-up that is not counted, checking every echo.
     *
     * @return the messages echoed per second
     * @throws IOException if a connection failed, an echo differed from what was sent, or the
     *         load could not be run; the message says which
     */
    double messagesPerSecond(int port, int seconds) throws IOException, InterruptedException;
}
