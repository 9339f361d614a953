package io.zsync.fs;

import io.zsync.CanceledException;
import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.diagnostics.Leaks;
import io.zsync.internal.FileReader;
import io.zsync.internal.FileSource;
import io.zsync.internal.IoCore;
import io.zsync.internal.IoFailures;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An open file, made by {@link Fs#open} or {@link Fs#create}, whose every operation is a
 * cancellation point of the calling task and an operation of its {@code Io}'s I/O driver. Close
 * it, with try-with-resources.
 *
 * <h2>Blocking and cancellation</h2>
 * Each method but {@link #close()} blocks the calling task until the operating system has
 * answered, and is a <em>cancellation point</em>: a task whose cancellation was requested gets
 * {@link CanceledException} before the call starts, and nothing is read or written. Canceled
 * while it waits, a call that no driver thread has begun never runs ({@code CanceledException},
 * nothing done); one under way is not interrupted: it ends, the method returns what it did, and
 * the cancellation request stays for the next cancellation point. Either way the file stays open,
 * its position where that leaves it, and usable by the code that catches the exception or by
 * other tasks.
 *
 * <p>Interrupting the calling thread never closes the file, though a {@code FileChannel} closes
 * itself for good when the thread in one of its calls is interrupted: on the default NIO driver
 * each call runs on a thread that nothing interrupts while the caller waits, and an interrupt is a
 * cancellation request, as {@link Io} says. An interrupt that comes during a call lets the call
 * end and stays set until the next cancellation point: a task is canceled there, a plain thread
 * gets {@code CanceledException} there, its interrupt status left set. A method finding the status
 * set when it starts does so at once, without touching the file.
 *
 * @implNote On the NIO driver each call hops to a pool of at most {@code max(16, 4 × processors)}
 * daemon threads shared by the JVM and back: a 4 KiB read from the page cache takes tens of µs
 * a call on 2 busy cores, against a few µs inline, so read in buffers of tens of KiB or more.
 *
 * <h2>Thread safety</h2>
 * The positional methods, {@link #read(ByteBuffer, long)} and {@link #write(ByteBuffer, long)},
 * neither use nor move the file's position: several tasks may call them at once, on any parts of
 * the file. The relative ones, {@link #read(ByteBuffer)}, {@link #write(ByteBuffer)},
 * {@link #writeAll(ByteBuffer)} and the {@code position} methods, share the one position, which
 * this {@code File} keeps: it runs them one at a time, so the file and the position stay
 * consistent, but whose bytes come first is unspecified and two {@code writeAll}s may interleave;
 * call them from one task at a time. {@link #size()}, {@link #truncate}, {@link #sync()},
 * {@link #stat()} and {@link #close()} may be called from any task at any time; closing while
 * another task is in a call makes that call fail with {@link ClosedChannelException}.
 *
 * <h2>Ordering</h2>
 * Bytes written by a call that has returned are seen by every read that starts after it, through
 * this {@code File} or any other, in this process or another: the operating system orders them.
 * That orders the file, not Java memory; hand buffers between tasks through a
 * {@link io.zsync.Future}, {@link io.zsync.Queue} or lock, as usual. Bytes reach the disk, and
 * survive a crash, only once {@link #sync()} has returned.
 *
 * <h2>Errors</h2>
 * A {@link java.nio.file.FileSystemException} or other specific {@link IOException} passes through
 * as it is; a bare {@code IOException}, which names neither the file nor the operation (such as
 * "Is a directory" or "No space left on device"), is wrapped in one that does. Using a closed file
 * throws {@link ClosedChannelException}, with a message naming the file.
 */
public final class File implements AutoCloseable {

    private final IoCore core;
    private final IoDriver driver;
    private final Handle handle;
    private final Path path;
    /** Opened to {@code APPEND}: writes go to the end, by the driver's own position (-1). */
    private final boolean append;
    /** Held by the relative calls, which read and move {@link #position}. */
    private final Mutex positionLock;
    private final Leaks.Tracker leak;
    /** Where the next relative read or write starts (not used to {@code APPEND}); written holding {@link #positionLock}. */
    private volatile long position;

    /** A file on {@code handle}, a {@code FILE} handle {@code driver} opened at {@code path}. */
    File(IoCore core, IoDriver driver, Handle handle, Path path, boolean append) {
        this.core = core;
        this.driver = driver;
        this.handle = handle;
        this.path = path;
        this.append = append;
        this.positionLock = core.io().mutex();
        this.leak = Leaks.track(core.io(), this);
    }

    /**
     * Reads into {@code dst}, at the file's position, as many bytes as are there and fit, and moves
     * the position past them. A cancellation point.
     *
     * @return how many bytes were read, 0 only if {@code dst} was full, or -1 at the end of the file
     */
    public int read(ByteBuffer dst) throws IOException {
        requireBuffer(dst, "dst");
        return (int) relative(Op.Kind.FILE_READ, new ByteBuffer[] {dst}, "read");
    }

    /**
     * Reads into {@code dst} from {@code position}, without using or moving the file's position.
     * Safe to call from several tasks at once. A cancellation point.
     *
     * @return how many bytes were read, 0 only if {@code dst} was full, or -1 if {@code position}
     *         is at or past the end of the file
     * @throws IllegalArgumentException if {@code position} is negative
     */
    public int read(ByteBuffer dst, long position) throws IOException {
        requireBuffer(dst, "dst");
        requirePosition(position);
        return (int) run(fileOp(Op.Kind.FILE_READ).buffers(new ByteBuffer[] {dst}).position(position), "read");
    }

    /**
     * Writes the remaining bytes of {@code src} at the file's position (at its end if the file was
     * opened to {@code APPEND}), and moves the position past them. A cancellation point.
     *
     * @return how many bytes were written: on a local file, all of them unless the call failed;
     *         {@link #writeAll} makes sure
     */
    public int write(ByteBuffer src) throws IOException {
        requireBuffer(src, "src");
        return (int) writeSome(new ByteBuffer[] {src});
    }

    /**
     * Writes all the remaining bytes of {@code src} at the file's position, writing again until
     * none remain. A cancellation point before each write; canceled part way, {@code src}'s
     * position tells how much was written.
     */
    public void writeAll(ByteBuffer src) throws IOException {
        requireBuffer(src, "src");
        while (src.hasRemaining()) {
            write(src);
        }
    }

    /**
     * Writes the remaining bytes of {@code src} at {@code position}, without using or moving the
     * file's position; the file grows if that writes past its end. Safe to call from several
     * tasks at once. A cancellation point.
     *
     * @return how many bytes were written: on a local file, all of them unless the call failed
     * @throws IllegalArgumentException if {@code position} is negative
     */
    public int write(ByteBuffer src, long position) throws IOException {
        requireBuffer(src, "src");
        requirePosition(position);
        return (int) run(fileOp(Op.Kind.FILE_WRITE).buffers(new ByteBuffer[] {src}).position(position), "write");
    }

    /**
     * The file's position: where the next relative read or write starts; for a file opened to
     * {@code APPEND}, its size, as {@link FileChannel#position()} says. A cancellation point.
     */
    public long position() throws IOException {
        if (append) {
            return size();
        }
        core.io().checkCancel();
        return position;
    }

    /**
     * Moves the file's position to {@code newPosition}; past the end is allowed (reads there find
     * the end, a write there grows the file). A cancellation point.
     *
     * @throws IllegalArgumentException if {@code newPosition} is negative
     */
    public void position(long newPosition) throws IOException {
        requirePosition(newPosition);
        core.io().checkCancel();
        positionLock.lock();
        try {
            position = newPosition;
        } finally {
            positionLock.unlock();
        }
    }

    /** The file's current length in bytes, read from the open file itself. A cancellation point. */
    public long size() throws IOException {
        return run(fileOp(Op.Kind.FILE_SIZE), "get the size of");
    }

    /**
     * Cuts the file to {@code size} bytes if it is longer; does nothing if it is not (it never
     * grows the file). The position moves to {@code size} if it was past it. A cancellation point.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws java.nio.channels.NonWritableChannelException if the file was not opened for writing
     */
    public void truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("size is " + size + "; pass the length in bytes to cut the file to, 0 or more");
        }
        positionLock.lock();
        try {
            run(fileOp(Op.Kind.FILE_TRUNCATE).count(size), "truncate");
            if (position > size) {
                position = size;
            }
        } finally {
            positionLock.unlock();
        }
    }

    /**
     * Forces the file's contents and metadata to the storage device ({@code fsync}): what was
     * written before this call survives a crash once it returns. A cancellation point.
     */
    public void sync() throws IOException {
        run(fileOp(Op.Kind.FILE_SYNC).flag(true), "sync");
    }

    /**
     * The file's metadata, following a symbolic link as the open did. They are read through the
     * path the file was opened with (Java cannot ask an open file for them, {@code fstat}): if
     * that path was renamed or deleted since, this describes whatever is there now, or throws
     * {@link java.nio.file.NoSuchFileException}; {@link #size()} always reads the open file.
     * A cancellation point.
     */
    public Stat stat() throws IOException {
        Op op = new Op().reset(Op.Kind.PATH_STAT, null).subject(path).flag(true);
        run(op, "stat");
        return Stat.of((BasicFileAttributes) op.value());
    }

    /**
     * A buffered reader of this file from its current position, with a buffer of
     * {@code bufferSize} bytes. It reads at positions of its own, so it neither uses nor moves the
     * file's position, and several readers of one file may read at once (each used by one task at
     * a time). Every read it makes of the file is a cancellation point, as the methods here are;
     * streaming it into a {@link Writer} moves the bytes without copying them through the heap
     * where the writer's sink allows (a {@link io.zsync.net.Connection}'s writer, through the
     * same I/O driver). Closing it does not close the file. A cancellation point (it reads the
     * file's position).
     *
     * @throws IllegalArgumentException if {@code bufferSize} is negative
     */
    public Reader reader(int bufferSize) throws IOException {
        requireBufferSize(bufferSize);
        return new FileReader(new Source(), position(), ByteBuffer.allocate(bufferSize));
    }

    /**
     * A buffered writer to this file, with a buffer of {@code bufferSize} bytes. It writes at the
     * file's position and moves it (at the end, if the file was opened to {@code APPEND}), so it
     * is a relative writer: one task at a time, and its buffered bytes land after whatever was
     * written before they are flushed. Every write it makes to the file is a cancellation point,
     * as the methods here are. Flush or close it before closing the file: closing the writer
     * flushes it but leaves the file open. Does not block.
     *
     * @throws IllegalArgumentException if {@code bufferSize} is negative
     */
    public Writer writer(int bufferSize) {
        requireBufferSize(bufferSize);
        return new FileWriter(this, ByteBuffer.allocate(bufferSize));
    }

    /**
     * Closes the file. Idempotent. Not a cancellation point, and never refused, so that a canceled
     * task can still clean up: once it returns, the descriptor is released.
     */
    @Override
    public void close() throws IOException {
        leak.close();
        driver.close(handle);
    }

    @Override
    public String toString() {
        return "File[" + path + (driver.isOpen(handle) ? "]" : ", closed]");
    }

    // ---- the driver's operations ---------------------------------------------------------------

    /**
     * One relative write of what {@code srcs} hold, at the file's position (or its end), moving
     * the position past it: {@link #write(ByteBuffer)} and the gathered drain of {@link FileWriter}.
     *
     * @return how many bytes were written
     */
    long writeSome(ByteBuffer[] srcs) throws IOException {
        if (append) {
            return run(fileOp(Op.Kind.FILE_WRITE).buffers(srcs).position(-1), "write");
        }
        return relative(Op.Kind.FILE_WRITE, srcs, "write");
    }

    /** A read or write at the file's position, which then moves past what it moved. */
    private long relative(Op.Kind kind, ByteBuffer[] buffers, String action) throws IOException {
        positionLock.lock();
        try {
            long moved = run(fileOp(kind).buffers(buffers).position(position), action);
            if (moved > 0) {
                position += moved;
            }
            return moved;
        } finally {
            positionLock.unlock();
        }
    }

    private Op fileOp(Op.Kind kind) {
        return new Op().reset(kind, handle).subject(path);
    }

    /**
     * Runs {@code op} through the driver, a cancellation point, and returns its count; its failure
     * is made to name the file and the attempted {@code action} where it does not.
     */
    private long run(Op op, String action) throws IOException {
        core.perform(op, IoCore.NO_DEADLINE);
        if (op.error() != null) {
            throw named(IoFailures.of(op), action);
        }
        return op.result();
    }

    /**
     * {@code failure}, or, for the two types that carry no information of their own, one that says
     * which file and what was attempted; a subtype such as {@code NoSuchFileException} is what
     * callers catch, and passes as it is.
     */
    private IOException named(IOException failure, String action) {
        if (failure.getClass() == ClosedChannelException.class) {
            return new FileClosedException("cannot " + action + " " + path + ": the file is closed", failure);
        }
        if (failure.getClass() == IOException.class) {
            return new IOException("cannot " + action + " " + path + ": " + failure.getMessage(), failure);
        }
        return failure;
    }

    /** A {@link ClosedChannelException}, which has no message of its own, that says which file. */
    private static final class FileClosedException extends ClosedChannelException {

        private final String message;

        FileClosedException(String message, IOException cause) {
            this.message = message;
            initCause(cause);
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    /**
     * This file as its readers read it: through this {@code File}'s positional reads, and, for a
     * zero-copy send, as its handle on its own driver only.
     */
    private final class Source implements FileSource {

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return File.this.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            return File.this.size();
        }

        @Override
        public FileChannel channel() {
            return null;
        }

        @Override
        public Handle handleOn(IoDriver other) {
            return other == driver ? handle : null;
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    // ---- checks ---------------------------------------------------------------------------------

    private static void requireBuffer(ByteBuffer buffer, String name) {
        Objects.requireNonNull(buffer, () -> name + " is null; pass a ByteBuffer");
    }

    private static void requirePosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position is " + position
                    + "; a file position counts bytes from the start of the file, 0 or more");
        }
    }

    private static void requireBufferSize(int bufferSize) {
        if (bufferSize < 0) {
            throw new IllegalArgumentException("bufferSize must not be negative: " + bufferSize);
        }
    }
}
