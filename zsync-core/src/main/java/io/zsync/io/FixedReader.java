package io.zsync.io;

import java.nio.ByteBuffer;

/** {@link Reader#fixed}: the buffer is the whole stream, so there is never more to read. */
final class FixedReader extends Reader {

    /**
     * Buffers in {@code data} itself, not a read-only view of it: nothing writes to this
     * reader's buffer (the hook reads nothing, and {@link #ensureRoom} never compacts), views
     * handed out are read-only anyway, and an array behind the buffer lets lines decode without
     * a copy.
     */
    FixedReader(ByteBuffer data) {
        super(data.slice(), data.remaining());
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) {
        return -1;
    }

    /** Never compacts: the buffer is the caller's data, and no byte will come to take the room. */
    @Override
    boolean ensureRoom(int needed, int growUpTo) {
        return false;
    }

    /** In memory, or through another reader or writer that records its own I/O: no event of its own. */
    @Override
    String ioTarget() {
        return null;
    }
}
