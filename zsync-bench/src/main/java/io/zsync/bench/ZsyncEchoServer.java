package io.zsync.bench;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;

/**
 * The {@code echo-<backend>} contender: zsync's echo server, the same direct-style code on every
 * backend. One task accepts; each connection gets a task of its own, in a group, that reads into a
 * 4 KiB buffer and writes back what it read. Stopping cancels the accepting task, whose group then
 * cancels the connections: every socket is closed by the task that owns it.
 *
 * <p>The backend needs a unit of concurrency per connection: {@code blocking} has none, and
 * {@code threaded} needs a pool larger than the number of connections.
 */
public final class ZsyncEchoServer implements EchoServer {

    private static final int BACKLOG = 1024;
    private static final int BUFFER_SIZE = 4096;

    private final String backend;
    private Io io;
    private Future<Void, IOException> serving;

    /** A server on the backend called {@code backend}, not started. */
    public ZsyncEchoServer(String backend) {
        this.backend = backend;
    }

    @Override
    public int start() throws IOException {
        if (io != null) {
            throw new IllegalStateException("this echo server was started already");
        }
        io = Io.open(backend);
        Listener listener = io.net().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        try {
            serving = io.concurrent(() -> serve(listener));
            return ((InetSocketAddress) listener.localAddress()).getPort();
        } catch (RuntimeException | IOException e) {
            listener.close();
            throw e;
        }
    }

    private void serve(Listener listener) throws IOException {
        try (listener; Group<RuntimeException> connections = io.group()) {
            while (true) {
                Connection connection = listener.accept();
                try {
                    connections.concurrent(() -> echo(connection));
                } catch (RuntimeException noRoom) {
                    connection.close();
                    throw noRoom;
                }
            }
        }
    }

    private static void echo(Connection connection) {
        try (connection) {
            connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
            while (connection.read(buffer.clear()) >= 0) {
                connection.write(buffer.flip());
            }
        } catch (IOException brokenByClient) {
            // A connection the client broke ends here; it is not a failure of the server or of
            // the other connections, which a failed group member would cancel.
        }
    }

    @Override
    public void close() throws IOException {
        if (io == null) {
            return;
        }
        try (Io started = io) {
            if (serving != null) {
                serving.cancel();
            }
        } catch (CanceledException stopped) {
            // how serving ends when it is stopped
        }
    }
}
