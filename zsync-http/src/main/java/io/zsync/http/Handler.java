package io.zsync.http;

import io.zsync.coroutine.Suspendable;

/**
 * Answers a request: what an {@link HttpServer} calls for each request it reads, in the task that
 * serves the request's connection (so a handler may block, and suspends on {@code evented} when
 * woven, as any zsync code). {@link Router} is the handler that dispatches on method and path.
 *
 * <p>A handler reads the request's body, if it wants it, before it returns; the server discards
 * what it left. An exception it throws becomes a 500 response (an {@link HttpProtocolException}
 * its own status), and the connection is closed; its cancellation (the server shutting down past
 * its grace period) ends the connection without a response.
 */
@FunctionalInterface
public interface Handler {

    /**
     * The response to {@code request}; never {@code null}.
     *
     * @throws Exception anything; answered as the class doc says
     */
    @Suspendable
    Response handle(Request request) throws Exception;
}
