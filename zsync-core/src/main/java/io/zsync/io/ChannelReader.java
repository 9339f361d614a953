package io.zsync.io;

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
            return scattering.read(dsts);
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
