package io.zsync.io;

import io.zsync.internal.jfr.IoOperationEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;

/** {@link Writer#of}: a writer to a blocking channel, one channel call per drain. */
final class ChannelWriter extends Writer {

    private final WritableByteChannel channel;

    ChannelWriter(WritableByteChannel channel, ByteBuffer buffer) {
        super(buffer);
        this.channel = channel;
    }

    @Override
    protected long drain(ByteBuffer[] data, int splat) throws IOException {
        ByteBuffer[] all = gather(data, splat);
        if (channel instanceof GatheringByteChannel gathering) {
            // With offset and length: FileChannel's write(ByteBuffer[]) is the JDK's (not woven),
            // and calls this one, which a File's channel implements by suspending.
            return markWritten(gathering.write(all, 0, all.length));
        }
        for (ByteBuffer next : all) {
            if (next.hasRemaining()) {
                // Everything before it is empty, so the count maps back the same way.
                return markWritten(channel.write(next));
            }
        }
        return 0;
    }

    @Override
    protected long sendFileHook(FileChannel file, long position, long count) throws IOException {
        return file.transferTo(position, count, channel);
    }

    @Override
    String ioTarget() {
        return IoOperationEvent.targetOf(channel);
    }
}
