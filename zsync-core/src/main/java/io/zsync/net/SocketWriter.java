package io.zsync.net;

import io.zsync.io.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@link Connection#writer()}: drains with one gathering write per call, and sends files with
 * {@link FileChannel#transferTo} (sendfile on Linux), waiting for room between calls.
 */
final class SocketWriter extends Writer {

    private final Connection connection;

    SocketWriter(Connection connection, int bufferSize) {
        super(ByteBuffer.allocateDirect(bufferSize));
        this.connection = connection;
    }

    @Override
    protected long drain(ByteBuffer[] data, int splat) throws IOException {
        ByteBuffer[] all = gather(data, splat);
        while (true) {
            long written = connection.writeSome(all);
            if (written > 0 || !Connection.hasRemaining(all)) {
                return markWritten(written);
            }
            // Nothing written in this call yet, so a canceled wait loses nothing.
            connection.awaitWritable();
        }
    }

    @Override
    protected long sendFileHook(FileChannel file, long position, long count) throws IOException {
        while (true) {
            long moved = connection.transferFrom(file, position, count);
            if (moved > 0 || position >= file.size()) {
                return moved;
            }
            connection.awaitWritable();
        }
    }

    /**
     * Flushes, then shuts the connection's output down: the peer reads end of stream. If the
     * flush throws, the output stays up, so that a later close can finish the flush.
     */
    @Override
    public void close() throws IOException {
        super.close();
        if (connection.isOpen()) {
            connection.shutdownOutput();
        }
    }
}
