package io.zsync.fs;

import io.zsync.io.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link File#writer}: one relative gathered write per drain, at the file's position (or its end,
 * for a file opened to {@code APPEND}). Canceled, a drain wrote nothing; a write a driver thread
 * had begun is counted, and the cancellation lands at the next cancellation point.
 */
final class FileWriter extends Writer {

    private final File file;

    FileWriter(File file, ByteBuffer buffer) {
        super(buffer);
        this.file = file;
    }

    @Override
    protected long drain(ByteBuffer[] data, int splat) throws IOException {
        return markWritten(file.writeSome(gather(data, splat)));
    }
}
