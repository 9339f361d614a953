package io.zsync.net;

import io.zsync.Io;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/** The read loop every socket shares: try the non-blocking read, wait for readability, try again. */
final class Readiness {

    private Readiness() {}

    /** Reads into {@code dst}, waiting until something arrives; 0 only if {@code dst} has no room. A cancellation point. */
    static <C extends SelectableChannel & ReadableByteChannel> int read(Io io, C channel, ByteBuffer dst) throws IOException {
        io.checkCancel();
        while (true) {
            int n = channel.read(dst);
            if (n != 0 || !dst.hasRemaining()) {
                return n;
            }
            io.awaitReady(channel, SelectionKey.OP_READ);
        }
    }
}
