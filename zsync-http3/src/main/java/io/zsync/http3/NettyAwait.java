package io.zsync.http3;

import io.netty.channel.Channel;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.Future;
import io.zsync.CancelProtection;
import io.zsync.CanceledException;
import io.zsync.Io;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The one door between Netty's futures and zsync tasks. A Netty future completes on its event
 * loop; a zsync task waits for it through {@link Io#await(java.util.concurrent.CompletionStage)},
 * which suspends the task on {@code evented} and is a cancellation point everywhere. What a
 * canceled wait leaves behind (a stream or channel that opens after its waiter gave up) is closed
 * here, so that cancellation never leaks one.
 */
final class NettyAwait {

    /** How long clean-up waits for Netty to close a channel: a close is local, this is only a bound. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger("io.zsync.http3");

    private NettyAwait() {}

    /** {@link #await(Io, Future, String, Consumer)} for a future whose result needs no clean-up. */
    static <T> T await(Io io, Future<T> future, String what) throws IOException {
        return await(io, future, what, null);
    }

    /**
     * Waits in the calling task (or thread) for {@code future}. A cancellation point: canceled (or
     * past a {@link Io#withTimeout} deadline), it cancels {@code future}, and if the future
     * succeeds anyway, hands its result to {@code abandon} (which closes it) on the thread that
     * completes it.
     *
     * @param what what the future does, for the failure's message ("connecting to ...")
     * @throws IOException how the future failed: Netty's {@link IOException} as it is, anything
     *         else wrapped in one that says {@code what}
     */
    static <T> T await(Io io, Future<T> future, String what, Consumer<? super T> abandon) throws IOException {
        CompletableFuture<T> stage = new CompletableFuture<>();
        future.addListener(done -> {
            if (done.isSuccess()) {
                @SuppressWarnings("unchecked")
                T result = (T) done.getNow();
                if (!stage.complete(result) && abandon != null) {
                    abandon.accept(result);        // the waiter gave up first
                }
            } else if (done.isCancelled()) {
                stage.cancel(false);
            } else {
                stage.completeExceptionally(done.cause());
            }
        });
        try {
            return io.await(stage);
        } catch (CanceledException canceled) {
            future.cancel(false);
            if (abandon != null && stage.isDone() && !stage.isCompletedExceptionally()) {
                abandon.accept(stage.join());      // it succeeded just as the cancellation came
            }
            throw canceled;
        } catch (ExecutionException failed) {
            throw failure(what, failed.getCause());
        }
    }

    /** {@code cause} as the {@link IOException} a caller of this package gets. */
    static IOException failure(String what, Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(what + " failed: " + cause, cause);
    }

    /**
     * Resets {@code stream} in both directions with {@code H3_REQUEST_CANCELLED} (RFC 9114 section
     * 4.1.1: a request abandoned), then closes it. Never waits; safe from any thread.
     */
    static void reset(QuicStreamChannel stream) {
        if (stream.isActive()) {
            stream.shutdown(Http3ErrorCode.H3_REQUEST_CANCELLED.code()).addListener(done -> stream.close());
        } else {
            stream.close();
        }
    }

    /**
     * Waits until {@code channel} is closed (close it first, or let it close), uncancelably and at
     * most {@link #CLOSE_BOUND}: clean-up that must finish even while its task is being canceled,
     * so that nothing it owned outlives it.
     */
    static void awaitClosed(Io io, Channel channel) {
        awaitQuietly(io, channel.closeFuture(), "closing " + channel);
    }

    /** Waits for {@code future} as {@link #awaitClosed} does: uncancelably, bounded, a failure only logged. */
    static void awaitQuietly(Io io, Future<?> future, String what) {
        try (CancelProtection protect = io.protectCancel()) {
            io.withTimeout(CLOSE_BOUND, () -> await(io, future, what));
        } catch (IOException | TimeoutException trouble) {
            LOG.log(System.Logger.Level.WARNING, what + " did not end cleanly: " + trouble);
        }
    }
}
