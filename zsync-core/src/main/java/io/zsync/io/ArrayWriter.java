package io.zsync.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link Writer} into a byte array, made by {@link Writer#fixed} (the caller's array; a write
 * that does not fit throws {@link StreamTooLongException} and writes nothing) or
 * {@link Writer#growing} (an array that grows as needed). Its buffer is its storage, so
 * {@link #flush()} has nothing to do and every write is in {@link #toByteArray()} at once, also
 * after {@link #close()}. Not thread-safe.
 */
public final class ArrayWriter extends Writer {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final boolean growing;

    ArrayWriter(ByteBuffer storage, boolean growing) {
        super(storage);
        this.growing = growing;
    }

    /** How many bytes were written. */
    public int size() {
        return buffered();
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        byte[] copy = new byte[size()];
        buffer().get(0, copy);
        return copy;
    }

    /** Does nothing but check that the writer is open: the bytes are already in the array. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
    }

    /** Reached only when a write does not fit: grows the array, or says it cannot. */
    @Override
    protected long drain(ByteBuffer[] data, int splat) throws IOException {
        int capacity = buffer().capacity();
        long needed = size() + PendingWrite.length(data, splat);
        if (!growing && needed == size()) {
            // Writer.print encodes into the array and asks for room when it is full.
            throw new StreamTooLongException("the fixed writer's array of " + capacity + " bytes is full, and the"
                    + " text being printed does not fit (nothing of it was written)", capacity);
        }
        if (!growing) {
            throw new StreamTooLongException("the fixed writer's array holds " + capacity + " bytes; "
                    + size() + " are written and a write of " + (needed - size())
                    + " more does not fit (nothing of it was written)", capacity);
        }
        if (needed > MAX_ARRAY) {
            throw new StreamTooLongException("a growing writer holds at most " + MAX_ARRAY + " bytes; "
                    + size() + " are written and a write of " + (needed - size())
                    + " more does not fit (nothing of it was written)", MAX_ARRAY);
        }
        growBuffer((int) Math.min(MAX_ARRAY, Math.max(needed, 2L * capacity)));
        return 0;
    }

    /** In memory, or through another reader or writer that records its own I/O: no event of its own. */
    @Override
    String ioTarget() {
        return null;
    }
}
