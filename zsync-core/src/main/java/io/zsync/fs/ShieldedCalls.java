package io.zsync.fs;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls on a {@link java.nio.channels.FileChannel} on threads that nothing interrupts, for a
 * caller whose own thread other code may interrupt at any moment.
 *
 * <p>Why: a {@code FileChannel} is an {@link java.nio.channels.spi.AbstractInterruptibleChannel}.
 * If the thread in one of its calls is interrupted, even from another thread in the middle of the
 * call, the channel closes itself for good and the call throws
 * {@link java.nio.channels.ClosedByInterruptException}; checking the interrupt status before the
 * call cannot prevent that. The JDK's own streams ({@code Files.newInputStream}) avoid it with
 * {@code sun.nio.ch.FileChannelImpl.setUninterruptible()}, which a library reaches only with
 * {@code --add-exports}, and no public way gives an uninterruptible {@code FileChannel}
 * ({@code RandomAccessFile.getChannel()} and {@code FileInputStream.getChannel()} are interruptible
 * too, and {@code java.io}'s own methods, which are not, lack positional reads, direct buffers and
 * {@code transferTo}). So the call runs on a thread of this pool instead, which no code has a
 * reference to, and the caller waits.
 *
 * <p>The caller waits for the call to end whatever interrupts it meanwhile: the call cannot be
 * abandoned, since what it did (bytes read, the position moved) cannot be undone. An interrupt
 * that came during the wait stays set on the caller's thread, so that its next cancellation point
 * takes it as it takes any interrupt: a task's cancellation request, or {@code CanceledException}
 * for a plain thread.
 *
 * <p>The pool is the JVM's, not an {@code Io}'s, so that a file outlives nothing it depends on: at
 * most {@link #THREADS} daemon threads, started as calls come and ended after
 * {@value #IDLE_SECONDS} seconds idle; calls beyond that wait in a queue. It runs nothing but JDK
 * channel calls, which end on their own, so no call waits for another.
 */
final class ShieldedCalls {

    /** Enough for the parallelism a disk offers; file calls are short. */
    static final int THREADS = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    private static final long IDLE_SECONDS = 10;

    private static final ThreadPoolExecutor POOL = pool();

    private ShieldedCalls() {}

    private static ThreadPoolExecutor pool() {
        var executor = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("zsync-file-", 0).factory());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Runs {@code call} on a pool thread, waits for it however the calling thread is interrupted
     * meanwhile (leaving its interrupt status set if it was), and returns its result or throws
     * what it threw.
     */
    static <T> T run(GuardedChannel.Call<T> call) throws IOException {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        POOL.execute(() -> {
            try {
                outcome.complete(call.run());
            } catch (Throwable failure) {
                outcome.completeExceptionally(failure);
            }
        });
        try {
            return outcome.join(); // waits uninterruptibly, and sets the interrupt status again if one came
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        }
    }

    /** {@code failure}, thrown by the call, as the caller can throw it. */
    private static IOException rethrown(Throwable failure) {
        return switch (failure) {
            case IOException e -> e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> new IOException(failure);
        };
    }
}
