package io.zsync;

import java.io.IOException;

/**
 * Thrown by a socket operation that has to wait (a read with nothing to read, a write with no
 * room, an accept, a connect) once the {@link Io} it waits through is closed: the closed
 * {@code Io}'s poller is gone, so nothing can tell it when the socket is ready. The socket itself
 * is untouched; close it. An {@link IOException}, so that the {@code catch (IOException e)} of a
 * server's loop sees it as the end of that connection.
 */
public final class IoClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    IoClosedException(String ioName, Throwable cause) {
        super("this Io ('" + ioName + "') is closed, so its sockets can no longer wait to be ready;"
                + " close them, and open a new Io with Io.open(\"" + ioName + "\") for new ones", cause);
    }
}
