package io.zsync.net;

import io.zsync.io.Reader;
import java.io.IOException;
import java.nio.ByteBuffer;

/** {@link Connection#reader()}: one scattering read per call, waiting until something arrives. */
final class SocketReader extends Reader {

    private final Connection connection;

    SocketReader(Connection connection, int bufferSize) {
        super(ByteBuffer.allocateDirect(bufferSize));
        this.connection = connection;
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) throws IOException {
        return connection.read(dsts);
    }

    /** Shuts the connection's input down; the connection stays open for writing. */
    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (connection.isOpen()) {
                connection.shutdownInput();
            }
        }
    }
}
