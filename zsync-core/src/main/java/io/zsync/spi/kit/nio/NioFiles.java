package io.zsync.spi.kit.nio;

import io.zsync.coroutine.NeverSuspends;
import io.zsync.spi.Op;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The file, directory and name-lookup operations of {@link NioDriver}: JDK calls that block their
 * thread, run where they hold up no other strand.
 *
 * <p><b>File-channel calls</b> (read, write, sync, truncate, size) always run on a thread of the
 * driver's file pool, which no code has a reference to. Why: a {@code FileChannel} is an
 * interruptible channel. If the thread in one of its calls is interrupted, even from another
 * thread in the middle of the call, the channel closes itself for good; checking the interrupt
 * status first cannot prevent that, and no public JDK API gives an uninterruptible
 * {@code FileChannel}. On the pool, an interrupt of the caller's thread is a cancellation request
 * at its next cancellation point, never a closed file.
 *
 * <p><b>Path calls</b> (open, stat, list, create, rename, delete, temporary files) run on the
 * caller's thread where each strand has a thread of its own, and on the pool where strands share
 * threads (an event loop must not block in the file system).
 *
 * <p><b>Cancellation.</b> A call still queued when it is canceled never runs ({@link Op#CANCELED});
 * one a pool thread has claimed runs to its end, and its result is reported (a raced completion).
 * A name lookup runs on a virtual thread of its own, since the system resolver may block for
 * seconds: canceled, the caller stops waiting at once and the answer is dropped (a lookup holds
 * no resource).
 *
 * <p>The pool is the JVM's, not an {@code Io}'s, so that a file outlives nothing it depends on:
 * at most {@link #THREADS} daemon threads, started as calls come and ended after
 * {@value #IDLE_SECONDS} seconds idle. It runs nothing but JDK file calls, which end on their own.
 */
final class NioFiles {

    /** Enough for the parallelism a disk offers; file calls are short. */
    static final int THREADS = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    private static final long IDLE_SECONDS = 10;
    private static final ThreadPoolExecutor POOL = pool();

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int FINISHED = 2;
    private static final int CANCELED = 3;

    private final NioDriver driver;
    private final boolean inlinePathCalls;
    /** Calls handed to a thread that have not ended (finished, or canceled before they ran). */
    private final AtomicInteger inFlight = new AtomicInteger();

    NioFiles(NioDriver driver, boolean inlinePathCalls) {
        this.driver = driver;
        this.inlinePathCalls = inlinePathCalls;
    }

    private static ThreadPoolExecutor pool() {
        var executor = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("zsync-file-", 0).factory());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    int start(Op op) {
        boolean channelCall = switch (op.kind()) {
            case FILE_READ, FILE_WRITE, FILE_SYNC, FILE_TRUNCATE, FILE_SIZE -> true;
            default -> false;
        };
        if (!channelCall && inlinePathCalls && op.kind() != Op.Kind.LOOKUP) {
            call(op);
            return Op.DONE;
        }
        PoolCall pending = new PoolCall(op);
        op.driverState(pending);
        inFlight.incrementAndGet();
        if (op.kind() == Op.Kind.LOOKUP) {
            Thread.ofVirtual().name("zsync-lookup").start(pending);
        } else {
            POOL.execute(pending);
        }
        return Op.PENDING;
    }

    int poll(Op op) {
        return switch (((PoolCall) op.driverState()).state.get()) {
            case FINISHED -> Op.DONE;
            case CANCELED -> Op.CANCELED;
            default -> Op.PENDING;
        };
    }

    void cancel(Op op) {
        PoolCall pending = (PoolCall) op.driverState();
        boolean stopped;
        synchronized (pending) {
            stopped = pending.state.compareAndSet(QUEUED, CANCELED)
                    || op.kind() == Op.Kind.LOOKUP && pending.state.compareAndSet(RUNNING, CANCELED);
        }
        if (stopped) {
            op.wake();
            inFlight.decrementAndGet();
        }
    }

    /** {@link NioDriver#externalPending()}. */
    int inFlight() {
        return inFlight.get();
    }

    /** One call handed to a thread: run once, unless canceled while still queued. */
    private final class PoolCall implements Runnable {
        final Op op;
        final AtomicInteger state = new AtomicInteger(QUEUED);

        PoolCall(Op op) {
            this.op = op;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            if (op.kind() == Op.Kind.LOOKUP) {
                lookup();
                return;
            }
            call(op);
            state.set(FINISHED);
            op.wake();
            // After the wake: whoever sees no call in flight sees the woken strand queued.
            inFlight.decrementAndGet();
        }

        /**
         * A lookup may be abandoned while it runs: its outcome is recorded only if it was not,
         * under the monitor that {@link #cancel} takes, so that an abandoned op is never written to.
         */
        private void lookup() {
            Object outcome;
            try {
                outcome = List.of(InetAddress.getAllByName((String) op.subject()));
            } catch (IOException | RuntimeException e) {
                outcome = e;
            }
            synchronized (this) {
                if (state.get() != RUNNING) {
                    return;
                }
                if (outcome instanceof Throwable failure) {
                    NioErrors.fail(op, failure);
                } else {
                    op.done(outcome, 0);
                }
                state.set(FINISHED);
            }
            op.wake();
            inFlight.decrementAndGet();
        }
    }

    /**
     * Does {@code op} on this thread and records its outcome. Never suspends: its channels are
     * the JDK's own ({@code FileChannel.open}), whatever other {@code FileChannel} subclasses the
     * build holds, which is what the weaver cannot tell from a call through that type.
     */
    @NeverSuspends
    private void call(Op op) {
        try {
            switch (op.kind()) {
                case FILE_OPEN -> {
                    @SuppressWarnings("unchecked")
                    Set<? extends OpenOption> options = (Set<? extends OpenOption>) op.argument();
                    op.done(driver.fileHandle(FileChannel.open((Path) op.subject(), options)), 0);
                }
                case FILE_READ -> op.done(read(channel(op), op.buffers(), op.position()));
                case FILE_WRITE -> op.done(write(channel(op), op.buffers(), op.position()));
                case FILE_SYNC -> channel(op).force(op.flag());
                case FILE_TRUNCATE -> channel(op).truncate(op.count());
                case FILE_SIZE -> op.done(channel(op).size());
                case PATH_STAT -> op.done(Files.readAttributes((Path) op.subject(), BasicFileAttributes.class,
                        op.flag() ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS}), 0);
                case DIR_LIST -> op.done(list((Path) op.subject()), 0);
                case DIR_CREATE -> Files.createDirectory((Path) op.subject());
                case PATH_RENAME -> Files.move((Path) op.subject(), (Path) op.argument(), StandardCopyOption.ATOMIC_MOVE);
                case PATH_DELETE -> op.done(delete((Path) op.subject(), op.flag()) ? 1 : 0);
                case TEMP_CREATE -> op.done(temp((String[]) op.argument(), op.flag()), 0);
                default -> throw new IllegalStateException("not a file operation: " + op);
            }
        } catch (IOException | RuntimeException e) {
            NioErrors.fail(op, e);
        }
    }

    private static FileChannel channel(Op op) {
        return (FileChannel) ((NioHandle) op.handle()).channel;
    }

    /** Reads at {@code position} into each buffer in turn, stopping at a short read; -1 at end of file. */
    private static long read(FileChannel file, ByteBuffer[] dsts, long position) throws IOException {
        long total = 0;
        for (ByteBuffer dst : dsts) {
            while (dst.hasRemaining()) {
                int n = file.read(dst, position + total);
                if (n <= 0) {
                    return total == 0 && n < 0 ? -1 : total;
                }
                total += n;
            }
        }
        return total;
    }

    /** Writes every buffer at {@code position}, or appends them when it is -1. */
    private static long write(FileChannel file, ByteBuffer[] srcs, long position) throws IOException {
        if (position < 0) {
            return file.write(srcs);
        }
        long total = 0;
        for (ByteBuffer src : srcs) {
            while (src.hasRemaining()) {
                total += file.write(src, position + total);
            }
        }
        return total;
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        entries.sort(null);
        return entries;
    }

    private static boolean delete(Path path, boolean ifExists) throws IOException {
        if (ifExists) {
            return Files.deleteIfExists(path);
        }
        Files.delete(path);
        return true;
    }

    private static Path temp(String[] names, boolean directory) throws IOException {
        return directory ? Files.createTempDirectory(names[0]) : Files.createTempFile(names[0], names[1]);
    }
}
