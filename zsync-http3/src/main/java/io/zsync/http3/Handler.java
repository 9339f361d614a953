package io.zsync.http3;

import io.zsync.coroutine.Suspendable;

/**
 * Answers the requests of an {@link Http3Server}. Each request runs {@code handle} in a zsync task
 * of its own, on the server's {@link io.zsync.Io}, concurrently with the other requests (of the
 * same QUIC connection too), so it may block in direct style: await other tasks, call other
 * services, sleep. On {@code evented} a handler is a suspendable lambda, woven with the code that
 * makes it (zsync-weaver), as any task is.
 *
 * <p><b>Cancellation.</b> The task is canceled when the client resets its request stream or its
 * connection goes, and when the server closes past its grace period; the handler sees it as a
 * {@link io.zsync.CanceledException} at its next cancellation point, and no response is sent.
 *
 * <p><b>Failures.</b> An exception thrown by {@code handle} answers {@code 500} with no detail
 * (the detail is the server's, logged through {@code System.Logger} {@code io.zsync.http3}).
 */
@FunctionalInterface
public interface Handler {

    /**
     * The response to {@code request}.
     *
     * @throws Exception anything: the client gets {@code 500}
     */
    @Suspendable
    Response handle(Request request) throws Exception;
}
