package io.zsync.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@link Reader#ofFile}: positional reads from a file, so the channel's own position is neither
 * used nor moved. {@link Writer#sendFile} reads its channel and position to move the bytes after
 * the buffered ones without copying.
 */
final class FileReader extends Reader {

    private final FileChannel channel;
    /** Where in the file the byte after the buffered ones is. */
    private long sourcePosition;

    FileReader(FileChannel channel, long position, ByteBuffer buffer) {
        super(buffer);
        this.channel = channel;
        this.sourcePosition = position;
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) throws IOException {
        for (ByteBuffer dst : dsts) {
            if (dst.hasRemaining()) {
                int read = channel.read(dst, sourcePosition);
                if (read > 0) {
                    sourcePosition += read;
                }
                return read;
            }
        }
        return 0;
    }

    FileChannel channel() {
        return channel;
    }

    long sourcePosition() {
        return sourcePosition;
    }

    boolean atEndOfFile() throws IOException {
        return sourcePosition >= channel.size();
    }

    /** Records that {@code n} bytes after the buffered ones were consumed without reading them. */
    void skipSource(long n) {
        sourcePosition += n;
        consumedUnbuffered(n);
    }

    @Override
    long streamTo(Writer writer, long limit) throws IOException {
        return writer.sendFile(this, limit);
    }

    @Override
    long discardUnbuffered(long n) throws IOException {
        long skipped = Math.min(n, Math.max(0, channel.size() - sourcePosition));
        skipSource(skipped);
        return skipped;
    }
}
