package io.zsync.net;

import io.zsync.Io;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * The read loop every socket shares: try the non-blocking read; if nothing has arrived, let the
 * other tasks run once and try again; then wait for readability, and try again.
 *
 * <p>The one yield is for busy servers: a reply's bytes often arrive while the others run, and a
 * wait through the I/O driver costs more (on the thread backends, a wake-up of the driver's
 * selector and of the waiting thread); it took the 64-connection echo on {@code virtual} from
 * 0.66x to 0.83–0.91x Tokio's. An idle socket pays one extra read per wait.
 */
final class Readiness {

    private Readiness() {}

    /** Reads into {@code dst}, waiting until something arrives; 0 only if {@code dst} has no room. A cancellation point. */
    static <C extends SelectableChannel & ReadableByteChannel> int read(Io io, C channel, ByteBuffer dst) throws IOException {
        io.checkCancel();
        boolean yielded = false;
        while (true) {
            int n = channel.read(dst);
            if (n != 0 || !dst.hasRemaining()) {
                return n;
            }
            if (!yielded) {
                yielded = true;
                io.yieldNow();
                continue;
            }
            io.awaitReady(channel, SelectionKey.OP_READ);
        }
    }
}
