package io.zsync.io;

import java.nio.ByteBuffer;

/**
 * What is left of one logical write: some parts, then a pattern repeated a number of times
 * (Zig's "data with splat"). The base {@link Writer} feeds it to the buffer or to the drain hook
 * step by step and records each step's progress here, so a hook that throws between two steps
 * leaves an exact account of what was written.
 */
final class PendingWrite {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** Written in order; their positions advance as their bytes are written. */
    private final ByteBuffer[] parts;
    private int head;
    /** Written {@code repeats} times after the parts; its position never moves. */
    private final ByteBuffer pattern;
    private long repeats;
    /** Bytes of the current repetition of {@code pattern} already written. */
    private int patternOffset;

    /** {@code data}'s last element repeated {@code splat} times, after the ones before it. */
    PendingWrite(ByteBuffer[] data, long splat) {
        if (data.length == 0) {
            throw new IllegalArgumentException("data must hold at least one buffer (the one to splat)");
        }
        if (splat < 0) {
            throw new IllegalArgumentException("splat must not be negative: " + splat);
        }
        this.parts = new ByteBuffer[data.length - 1];
        System.arraycopy(data, 0, parts, 0, parts.length);
        this.pattern = data[data.length - 1];
        this.repeats = pattern.hasRemaining() ? splat : 0;
        long partBytes = 0;
        for (ByteBuffer part : parts) {
            partBytes += part.remaining();
        }
        if (repeats > (Long.MAX_VALUE - partBytes) / Math.max(1, pattern.remaining())) {
            throw new IllegalArgumentException("a write of more than Long.MAX_VALUE bytes");
        }
    }

    /** One buffer, written once; its position advances as it is written. */
    PendingWrite(ByteBuffer src) {
        this(new ByteBuffer[] {src, EMPTY}, 0);
    }

    /** The bytes of {@code data} with its last element counted {@code splat} times. */
    static long length(ByteBuffer[] data, int splat) {
        long total = (long) data[data.length - 1].remaining() * splat;
        for (int i = 0; i < data.length - 1; i++) {
            total += data[i].remaining();
        }
        return total;
    }

    long remaining() {
        long total = repeats == 0 ? 0 : repeats * pattern.remaining() - patternOffset;
        for (int i = head; i < parts.length; i++) {
            total += parts[i].remaining();
        }
        return total;
    }

    /**
     * The rest of this write in the shape the drain hook takes: fresh views (so a hook that moves
     * their positions cannot disturb this account) ending with the buffer to splat.
     */
    ByteBuffer[] hookData() {
        int partCount = parts.length - head;
        boolean midPattern = patternOffset > 0;
        ByteBuffer[] data = new ByteBuffer[partCount + (midPattern ? 2 : 1)];
        for (int i = 0; i < partCount; i++) {
            data[i] = parts[head + i].duplicate();
        }
        if (midPattern) {
            data[partCount] = pattern.slice(pattern.position() + patternOffset, pattern.remaining() - patternOffset);
        }
        data[data.length - 1] = pattern.duplicate();
        return data;
    }

    /** The splat that goes with {@link #hookData()}; capped, the rest follows in later steps. */
    int hookSplat() {
        long whole = patternOffset > 0 ? repeats - 1 : repeats;
        return (int) Math.min(whole, Integer.MAX_VALUE);
    }

    /** Records that the next {@code n} bytes were written ({@code n <= remaining()}). */
    void consume(long n) {
        while (head < parts.length && n > 0) {
            ByteBuffer part = parts[head];
            int step = (int) Math.min(n, part.remaining());
            part.position(part.position() + step);
            n -= step;
            if (!part.hasRemaining()) {
                head++;
            }
        }
        if (n > 0) {
            long done = patternOffset + n;
            repeats -= done / pattern.remaining();
            patternOffset = (int) (done % pattern.remaining());
        }
    }

    /** Copies all that is left into {@code dst} at {@code index}; the caller checked the room. */
    void copyTo(ByteBuffer dst, int index) {
        for (; head < parts.length; head++) {
            ByteBuffer part = parts[head];
            dst.put(index, part, part.position(), part.remaining());
            index += part.remaining();
            part.position(part.limit());
        }
        if (repeats == 0) {
            return;
        }
        int length = pattern.remaining();
        int tail = length - patternOffset;
        dst.put(index, pattern, pattern.position() + patternOffset, tail);
        index += tail;
        long whole = repeats - 1;
        if (whole > 0) {
            // Lay the pattern down once, then double the run by copying it onto itself: a
            // one-byte splat of N bytes costs log N copies, not N.
            int runStart = index;
            dst.put(index, pattern, pattern.position(), length);
            long total = whole * length;
            long done = length;
            while (done < total) {
                int step = (int) Math.min(done, total - done);
                dst.put(runStart + (int) done, dst, runStart, step);
                done += step;
            }
        }
        repeats = 0;
        patternOffset = 0;
    }
}
