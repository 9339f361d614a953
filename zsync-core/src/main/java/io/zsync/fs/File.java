package io.zsync.fs;

import io.zsync.CanceledException;
import io.zsync.Io;
import io.zsync.diagnostics.Leaks;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An open file, made by {@link Fs#open} or {@link Fs#create}: a {@link FileChannel} whose every
 * operation is a cancellation point of the calling task. Close it, with try-with-resources.
 *
 * <h2>Blocking and cancellation</h2>
 * Each method but {@link #close()} blocks the calling task until the operating system has
 * answered, and is a <em>cancellation point</em>: it calls {@link Io#checkCancel()} before it
 * starts, so a task whose cancellation was requested gets {@link CanceledException} and nothing
 * is read or written. A call in progress is not interrupted. A canceled call leaves the file open,
 * its position where it was, and usable by the code that catches the exception or by other tasks.
 *
 * <p>Interrupting the calling thread never closes the file, though a {@code FileChannel} closes
 * itself for good when the thread in one of its calls is interrupted: the call runs on a thread
 * that nothing interrupts while the caller waits (on {@code evented}, the blocking pool), and an
 * interrupt is a cancellation request, as {@link Io} says. An interrupt that comes during a call
 * lets the call end and stays set until the next cancellation point: a task is canceled there, a
 * plain thread gets {@code CanceledException} there, its interrupt status left set. A method
 * finding the status set when it starts does so at once, without touching the channel.
 *
 * @implNote On the backends that run {@link Io#blocking} work on the calling thread (the thread
 * backends), each call hops to a pool of at most {@code max(16, 4 × processors)} daemon threads
 * shared by the JVM: a hand-off to that thread and back per call, as {@code evented}'s blocking
 * pool costs. Measured on 2 busy cores, a 4 KiB read from the page cache took 16–52 µs a call
 * (before: 2–5 µs inline; {@code evented}: 17–25 µs), so read in buffers of tens of KiB or more.
 *
 * <h2>Thread safety</h2>
 * The positional methods, {@link #read(ByteBuffer, long)} and {@link #write(ByteBuffer, long)},
 * neither use nor move the file's position: several tasks may call them at once, on any parts of
 * the file. The relative ones, {@link #read(ByteBuffer)}, {@link #write(ByteBuffer)},
 * {@link #writeAll(ByteBuffer)} and the {@code position} methods, share the one position: the
 * channel runs them one at a time, so the file and the position stay consistent, but whose bytes
 * come first is unspecified and two {@code writeAll}s may interleave; call them from one task at a
 * time. {@link #size()}, {@link #truncate}, {@link #sync()}, {@link #stat()} and {@link #close()}
 * may be called from any task at any time; closing while another task is in a call makes that
 * call fail with {@link java.nio.channels.AsynchronousCloseException}.
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
 * throws {@link java.nio.channels.ClosedChannelException}, with a message naming the file.
 */
public final class File implements AutoCloseable {

    private final Path path;
    private final GuardedChannel channel;
    private final Leaks.Tracker leak;

    File(Io io, Path path, FileChannel channel) {
        this.path = path;
        this.channel = new GuardedChannel(io, path, channel);
        this.leak = Leaks.track(io, this);
    }

    /**
     * Reads into {@code dst}, at the file's position, as many bytes as are there and fit, and moves
     * the position past them. A cancellation point.
     *
     * @return how many bytes were read, 0 only if {@code dst} was full, or -1 at the end of the file
     */
    public int read(ByteBuffer dst) throws IOException {
        requireBuffer(dst, "dst");
        return channel.read(dst);
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
        return channel.read(dst, position);
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
        return channel.write(src);
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
        return channel.write(src, position);
    }

    /** The file's position: where the next relative read or write starts. A cancellation point. */
    public long position() throws IOException {
        return channel.position();
    }

    /**
     * Moves the file's position to {@code newPosition}; past the end is allowed (reads there find
     * the end, a write there grows the file). A cancellation point.
     *
     * @throws IllegalArgumentException if {@code newPosition} is negative
     */
    public void position(long newPosition) throws IOException {
        requirePosition(newPosition);
        channel.position(newPosition);
    }

    /** The file's current length in bytes, read from the open file itself. A cancellation point. */
    public long size() throws IOException {
        return channel.size();
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
        channel.truncate(size);
    }

    /**
     * Forces the file's contents and metadata to the storage device ({@code fsync}): what was
     * written before this call survives a crash once it returns. A cancellation point.
     */
    public void sync() throws IOException {
        channel.force(true);
    }

    /**
     * The file's metadata, following a symbolic link as the open did. Java cannot ask an open file
     * for these ({@code fstat}), so they are read through the path the file was opened with: if
     * that path was renamed or deleted since, this describes whatever is there now, or throws
     * {@link java.nio.file.NoSuchFileException}; {@link #size()} always reads the open file.
     * A cancellation point.
     */
    public Stat stat() throws IOException {
        return channel.call("stat", () -> Stat.of(Files.readAttributes(path, BasicFileAttributes.class)));
    }

    /**
     * A buffered reader of this file from its current position, with a buffer of
     * {@code bufferSize} bytes. It reads at positions of its own, so it neither uses nor moves the
     * file's position, and several readers of one file may read at once (each used by one task at
     * a time). Every read it makes of the file is a cancellation point, as the methods here are;
     * streaming it into a {@link Writer} moves the bytes without copying them through the heap
     * where the writer's sink allows. Closing it does not close the file. A cancellation point
     * (it reads the file's position).
     *
     * @throws IllegalArgumentException if {@code bufferSize} is negative
     */
    public Reader reader(int bufferSize) throws IOException {
        return Reader.ofFile(channel, position(), bufferSize);
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
        return Writer.of(channel, bufferSize);
    }

    /**
     * Closes the file. Idempotent. Not a cancellation point, and never refused, so that a canceled
     * task can still clean up: once it returns, the descriptor is released.
     */
    @Override
    public void close() throws IOException {
        leak.close();
        channel.close();
    }

    @Override
    public String toString() {
        return "File[" + path + (channel.isChannelOpen() ? "]" : ", closed]");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void requireBuffer(ByteBuffer buffer, String name) {
        Objects.requireNonNull(buffer, () -> name + " is null; pass a ByteBuffer");
    }

    private static void requirePosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position is " + position
                    + "; a file position counts bytes from the start of the file, 0 or more");
        }
    }
}
