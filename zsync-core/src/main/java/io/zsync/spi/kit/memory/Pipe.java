package io.zsync.spi.kit.memory;

import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One direction of a stream connection: a bounded ring of bytes between the end that writes and
 * the end that reads, with the ops of each waiting on it. Every transition happens under this
 * pipe's monitor, on the strand of the op that makes it; the ops it unblocks are woken after.
 */
final class Pipe {

    /** How many bytes a pipe holds before a write waits: a socket's typical buffer. */
    static final int CAPACITY = 64 * 1024;

    final Waiters readers = new Waiters(this);
    final Waiters writers = new Waiters(this);

    private byte[] ring;
    private int head;
    private int size;
    /** The writing end shut its output down or closed: the reader gets end of stream after the bytes. */
    private boolean writerDone;
    /** The writing end was reset (closed with {@code SO_LINGER} 0): the reader gets {@code RESET}. */
    private boolean reset;
    /** The reading end closed: a write gets {@code RESET}, as TCP's next write after the peer's close does. */
    private boolean readerClosed;
    /** The reading end shut its input down: it reads end of stream, and what is written is dropped. */
    private boolean readerShut;

    /**
     * A read of the reading end: copies what the ring holds into the op's buffers, or says why
     * there is nothing to copy ({@link Op#DONE}); else queues the op ({@link Op#PENDING}), or,
     * when {@code decline}, leaves it ({@link Op#WOULD_BLOCK}).
     */
    synchronized int read(Op op, boolean decline, List<Op> woken) {
        ByteBuffer[] dsts = op.buffers();
        if (readerClosed) {
            op.failed(IoError.CLOSED, null, null);
        } else if (!hasRemaining(dsts)) {
            op.done(0);
        } else if (readerShut) {
            op.done(-1);
        } else if (size > 0) {
            op.done(copyOut(dsts));
            writers.takeAll(woken);
        } else if (reset) {
            op.failed(IoError.RESET, "Connection reset", null);
        } else if (writerDone) {
            op.done(-1);
        } else {
            return decline ? Op.WOULD_BLOCK : readers.park(op);
        }
        return Op.DONE;
    }

    /** A write of the writing end: copies what fits, at least one byte; else as {@link #read}. */
    synchronized int write(Op op, boolean decline, List<Op> woken) {
        ByteBuffer[] srcs = op.buffers();
        if (writerDone) {
            op.failed(IoError.CLOSED, "the output is shut down", null);
        } else if (readerClosed) {
            op.failed(IoError.RESET, "Connection reset by peer", null);
        } else if (!hasRemaining(srcs)) {
            op.done(0);
        } else if (readerShut) {
            op.done(drop(srcs));
        } else if (size < CAPACITY) {
            op.done(copyIn(srcs));
            readers.takeAll(woken);
        } else {
            return decline ? Op.WOULD_BLOCK : writers.park(op);
        }
        return Op.DONE;
    }

    /** The writing end shut its output down: the reader reads end of stream once it has read the bytes. */
    synchronized void shutWriter(List<Op> woken) {
        writerDone = true;
        readers.takeAll(woken);
    }

    /** The reading end shut its input down: its reads end, the writer's bytes are dropped from now on. */
    synchronized void shutReader(List<Op> woken) {
        readerShut = true;
        clear();
        readers.takeAll(woken);
        writers.takeAll(woken);
    }

    /**
     * The writing end closed: {@code reset} (an abort) drops the bytes and makes the reader's next
     * read fail with {@code RESET}, else the reader reads them, then end of stream. The writing
     * end's own waiting writes end with {@code CLOSED}.
     */
    synchronized void closeWriter(boolean reset, List<Op> woken) {
        writerDone = true;
        if (reset) {
            this.reset = true;
            clear();
        }
        writers.settleAll(IoError.CLOSED, "the connection was closed", woken);
        readers.takeAll(woken);
    }

    /** The reading end closed: its waiting reads end with {@code CLOSED}, the writer's next write with {@code RESET}. */
    synchronized void closeReader(List<Op> woken) {
        readerClosed = true;
        clear();
        readers.settleAll(IoError.CLOSED, "the connection was closed", woken);
        writers.takeAll(woken);
    }

    private void clear() {
        head = 0;
        size = 0;
        ring = null;
    }

    private long copyOut(ByteBuffer[] dsts) {
        long total = 0;
        for (ByteBuffer dst : dsts) {
            while (dst.hasRemaining() && size > 0) {
                int n = Math.min(dst.remaining(), Math.min(size, CAPACITY - head));
                dst.put(ring, head, n);
                head = (head + n) % CAPACITY;
                size -= n;
                total += n;
            }
        }
        if (size == 0) {
            head = 0;
        }
        return total;
    }

    private long copyIn(ByteBuffer[] srcs) {
        if (ring == null) {
            ring = new byte[CAPACITY];
        }
        long total = 0;
        for (ByteBuffer src : srcs) {
            while (src.hasRemaining() && size < CAPACITY) {
                int tail = (head + size) % CAPACITY;
                int n = Math.min(src.remaining(), Math.min(CAPACITY - size, CAPACITY - tail));
                src.get(ring, tail, n);
                size += n;
                total += n;
            }
        }
        return total;
    }

    private static long drop(ByteBuffer[] srcs) {
        long total = 0;
        for (ByteBuffer src : srcs) {
            total += src.remaining();
            src.position(src.limit());
        }
        return total;
    }

    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
