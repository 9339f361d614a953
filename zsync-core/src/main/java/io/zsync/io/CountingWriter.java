package io.zsync.io;

import io.zsync.internal.FileSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An unbuffered {@link Writer} that counts the bytes it is given and passes them on to another
 * writer ({@link Writer#counting}) or drops them ({@link Writer#discarding}). The count includes
 * bytes sent with {@link #sendFile}, which stays zero-copy when the writer underneath can do it.
 * Not thread-safe.
 */
public final class CountingWriter extends Writer {

    /** Where the bytes go, or null to drop them. */
    private final Writer downstream;
    private long count;

    CountingWriter(Writer downstream) {
        super(ByteBuffer.allocate(0));
        this.downstream = downstream;
    }

    /** How many bytes were written to this writer, and accepted by the one underneath. */
    public long count() {
        return count;
    }

    /** Flushes the writer underneath: this one holds nothing. */
    @Override
    public void flush() throws IOException {
        super.flush();
        if (downstream != null) {
            downstream.flush();
        }
    }

    @Override
    protected long drain(ByteBuffer[] data, int splat) throws IOException {
        long accepted;
        if (downstream == null) {
            accepted = PendingWrite.length(data, splat);
        } else {
            downstream.ensureOpen();
            accepted = downstream.writeSome(new PendingWrite(data, splat));
        }
        count += accepted;
        return accepted;
    }

    @Override
    long transfer(FileSource file, long position, long length) throws IOException {
        long moved;
        if (downstream == null) {
            moved = Math.min(length, Math.max(0, file.size() - position));
        } else {
            downstream.ensureOpen();
            moved = downstream.transfer(file, position, length);
        }
        if (moved > 0) {
            count += moved;
        }
        return moved;
    }

    /** In memory, or through another reader or writer that records its own I/O: no event of its own. */
    @Override
    String ioTarget() {
        return null;
    }
}
