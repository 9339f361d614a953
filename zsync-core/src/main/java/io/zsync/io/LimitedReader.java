package io.zsync.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link Reader#limited}: at most {@code limit} bytes of a source. What is left to take is
 * derived from how far the source advanced, so it stays exact even when a call on the source
 * throws halfway.
 */
final class LimitedReader extends Reader {

    private static final int BUFFER_SIZE = 4096;

    private final Reader source;
    private final long limit;
    private final long sourceConsumedAtStart;

    LimitedReader(Reader source, long limit) {
        super(ByteBuffer.allocate((int) Math.min(limit, BUFFER_SIZE)));
        this.source = source;
        this.limit = limit;
        this.sourceConsumedAtStart = source.consumed();
    }

    /** Bytes this reader may still take from the source. */
    private long remaining() {
        return limit - (source.consumed() - sourceConsumedAtStart);
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) throws IOException {
        long allowed = remaining();
        if (allowed == 0) {
            return -1;
        }
        ByteBuffer[] capped = new ByteBuffer[dsts.length];
        for (int i = 0; i < dsts.length; i++) {
            int room = (int) Math.min(dsts[i].remaining(), allowed);
            capped[i] = dsts[i].slice(dsts[i].position(), room);
            allowed -= room;
        }
        long read = source.readVec(capped);
        for (int i = 0; i < dsts.length; i++) {
            dsts[i].position(dsts[i].position() + capped[i].position());
        }
        return read;
    }

    @Override
    long streamTo(Writer writer, long max) throws IOException {
        long sent = streamBuffered(writer, max);
        return sent == max ? sent : sent + source.stream(writer, Math.min(max - sent, remaining()));
    }

    @Override
    long discardUnbuffered(long n) throws IOException {
        return source.discard(Math.min(n, remaining()));
    }

    /** In memory, or through another reader or writer that records its own I/O: no event of its own. */
    @Override
    String ioTarget() {
        return null;
    }
}
