package io.zsync.net;

import io.zsync.internal.FileSource;
import io.zsync.internal.TransferSink;
import io.zsync.io.Writer;
import io.zsync.spi.Handle;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link Connection#writer()}: drains with one gathering write per call, and sends files with the
 * driver's zero-copy transfer (sendfile on Linux with the NIO driver), waiting for room as needed.
 */
final class SocketWriter extends Writer implements TransferSink {

    /** {@link Writer#UNSUPPORTED}, for {@link Connection#transferFrom}. */
    static final long UNSUPPORTED_TRANSFER = UNSUPPORTED;

    private final Connection connection;

    SocketWriter(Connection connection, int bufferSize) {
        super(ByteBuffer.allocateDirect(bufferSize));
        this.connection = connection;
    }

    @Override
    protected long drain(ByteBuffer[] data, int splat) throws IOException {
        // One write through the driver, which waits for room: canceled, it wrote nothing.
        return markWritten(connection.writeSome(gather(data, splat)));
    }

    /** A file of this connection's driver, or a channel it can borrow, goes by the driver's transfer. */
    @Override
    public long transferFrom(FileSource file, long position, long count) throws IOException {
        Handle source = connection.fileHandle(file);
        return source == null ? UNSUPPORTED : connection.transferFrom(source, position, count);
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
