package io.zsync.io;

import io.zsync.internal.jfr.IoOperationEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;

/** {@link Reader#of}: a reader of a blocking channel, one channel call per hook call. */
final class ChannelReader extends Reader {

    private final ReadableByteChannel channel;

    ChannelReader(ReadableByteChannel channel, ByteBuffer buffer) {
        super(buffer);
        this.channel = channel;
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) throws IOException {
        if (channel instanceof ScatteringByteChannel scattering) {
            // With offset and length: FileChannel's read(ByteBuffer[]) is the JDK's (not woven),
            // and calls this one, which a File's channel implements by suspending.
            return scattering.read(dsts, 0, dsts.length);
        }
        for (ByteBuffer dst : dsts) {
            if (dst.hasRemaining()) {
                return channel.read(dst);
            }
        }
        return 0;
    }

    @Override
    String ioTarget() {
        return IoOperationEvent.targetOf(channel);
    }
}
