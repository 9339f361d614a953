package io.zsync.fs;

import io.zsync.Io;
import io.zsync.coroutine.NeverSuspends;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * The channel of a {@link File}: the JDK's {@link FileChannel} with, before every call, the
 * cancellation point, every call made where no interrupt reaches it, and errors that name the file.
 *
 * <p>It is a {@code FileChannel} itself, not just {@code File}'s helper, so that the readers and
 * writers {@code File} hands out ({@link io.zsync.io.Reader#ofFile},
 * {@link io.zsync.io.Writer#of}) keep those guarantees. {@link #transferTo} and
 * {@link #transferFrom} pass the JDK its own channels, so copies between files and into sockets
 * stay zero-copy. Closing it closes the JDK's channel; being an {@code AbstractInterruptibleChannel}
 * that never calls {@code begin()}, it is not closed by an interrupt itself.
 */
final class GuardedChannel extends FileChannel {

    private final Io io;
    private final Path path;
    private final FileChannel channel;

    GuardedChannel(Io io, Path path, FileChannel channel) {
        this.io = io;
        this.path = path;
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return call("read", () -> channel.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return call("read", () -> channel.read(dsts, offset, length));
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return call("read", () -> channel.read(dst, position));
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return call("write", () -> channel.write(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return call("write", () -> channel.write(srcs, offset, length));
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return call("write", () -> channel.write(src, position));
    }

    @Override
    public long position() throws IOException {
        return call("get the position of", channel::position);
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        call("set the position of", () -> channel.position(newPosition));
        return this;
    }

    @Override
    public long size() throws IOException {
        return call("get the size of", channel::size);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        call("truncate", () -> channel.truncate(size));
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        call("sync", () -> {
            channel.force(metaData);
            return null;
        });
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return call("copy from", () -> channel.transferTo(position, count, unwrap(target)));
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return call("copy into", () -> channel.transferFrom(unwrap(src), position, count));
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return call("map", () -> channel.map(mode, position, size));
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return call("lock", () -> channel.lock(position, size, shared));
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return call("lock", () -> channel.tryLock(position, size, shared));
    }

    @Override
    protected void implCloseChannel() throws IOException {
        channel.close();
    }

    /**
     * Whether the JDK's channel is open: this channel's own flag says only whether it was closed
     * through it, and the JDK's is the one that calls fail on.
     */
    boolean isChannelOpen() {
        return channel.isOpen();
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /**
     * One call to the JDK's channel, to be run by {@link #call}: inside {@link Io#blocking} work,
     * which runs off any coroutine.
     */
    interface Call<T> {
        @NeverSuspends
        T run() throws IOException;
    }

    /**
     * The cancellation point, then {@code call} through {@link Io#blocking} on a thread that
     * nothing interrupts, with its error made to name the file and the attempted {@code action}
     * where it does not.
     *
     * <p>An interrupt of the JDK channel's thread during the call would close the channel for good
     * (see {@link ShieldedCalls}), and one can come from another thread at any moment. Where
     * {@code Io.blocking} ran the call on another thread (on {@code evented}, its blocking pool,
     * whose threads are never interrupted), that thread already is such a thread; where it ran it
     * on the caller's own (the thread backends), the call hops to {@link ShieldedCalls}. Either way
     * it hops once, and an interrupt of the caller stays set for its next cancellation point.
     */
    <T> T call(String action, Call<T> call) throws IOException {
        Thread caller = Thread.currentThread();
        try {
            return io.blocking(() -> Thread.currentThread() == caller ? ShieldedCalls.run(call) : call.run());
        } catch (IOException e) {
            // Only the two types that carry no information of their own are replaced; a subtype such
            // as NoSuchFileException or AsynchronousCloseException is what callers catch.
            if (e.getClass() == ClosedChannelException.class) {
                throw new FileClosedException("cannot " + action + " " + path + ": the file is closed", e);
            }
            if (e.getClass() == IOException.class) {
                throw new IOException("cannot " + action + " " + path + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static <C> C unwrap(C channel) {
        @SuppressWarnings("unchecked")
        C jdkChannel = channel instanceof GuardedChannel guarded ? (C) guarded.channel : channel;
        return jdkChannel;
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
}
