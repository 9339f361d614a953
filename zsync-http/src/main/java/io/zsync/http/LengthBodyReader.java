package io.zsync.http;

import io.zsync.io.Reader;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A body of a known length read off a connection's reader, that can tell whether it was read to
 * its end (so the connection is at the next message) and errs if the stream ends first.
 */
final class LengthBodyReader extends Reader {

    private static final int BUFFER_SIZE = 4096;

    private final Reader source;
    private long left;

    LengthBodyReader(Reader source, long length) {
        super(ByteBuffer.allocate((int) Math.min(length, BUFFER_SIZE)));
        this.source = source;
        this.left = length;
    }

    /** Whether every byte of the body was taken from the connection. */
    boolean isComplete() {
        return left == 0;
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) throws IOException {
        if (left == 0) {
            return -1;
        }
        for (ByteBuffer dst : dsts) {
            if (dst.hasRemaining()) {
                ByteBuffer capped = dst.slice(dst.position(), (int) Math.min(dst.remaining(), left));
                int read = source.read(capped);
                if (read < 0) {
                    throw new HttpProtocolException(502, "the response ended " + left + " bytes before its Content-Length");
                }
                dst.position(dst.position() + read);
                left -= read;
                return read;
            }
        }
        return 0;
    }
}
