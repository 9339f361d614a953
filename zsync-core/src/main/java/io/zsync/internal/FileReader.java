package io.zsync.internal;

import io.zsync.io.Reader;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The reader of a file, at positions of its own ({@code Reader.ofFile}, {@code File.reader}): it
 * neither uses nor moves any position of the file, so several readers can share one. Here, not in
 * {@code io.zsync.io}, so that {@code io.zsync.fs} can make one; {@code Reader} and {@code Writer}
 * know it by type, to skip without reading and to send its bytes without copying
 * ({@code Writer.sendFile}).
 */
public final class FileReader extends Reader {

    private final FileSource source;
    /** Where in the file the byte after the buffered ones is. */
    private long sourcePosition;

    /** A reader of {@code source} from {@code position}, buffering in {@code buffer}. */
    public FileReader(FileSource source, long position, ByteBuffer buffer) {
        super(buffer);
        this.source = source;
        this.sourcePosition = position;
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) throws IOException {
        for (ByteBuffer dst : dsts) {
            if (dst.hasRemaining()) {
                int read = source.read(dst, sourcePosition);
                if (read > 0) {
                    sourcePosition += read;
                }
                return read;
            }
        }
        return 0;
    }

    /** The file this reader reads. */
    public FileSource source() {
        return source;
    }

    /** Where in the file the byte after the buffered ones is. */
    public long sourcePosition() {
        return sourcePosition;
    }

    /** Whether the byte after the buffered ones is at or past the end of the file. */
    public boolean atEndOfFile() throws IOException {
        return sourcePosition >= source.size();
    }

    /** How many of the next {@code n} bytes after the buffered ones the file holds. */
    public long available(long n) throws IOException {
        return Math.min(n, Math.max(0, source.size() - sourcePosition));
    }

    /**
     * Moves past {@code n} bytes after the buffered ones, consumed without reading them (sent, or
     * skipped); the caller, in {@code io.zsync.io}, records them as consumed.
     */
    public void advance(long n) {
        sourcePosition += n;
    }
}
