package io.zsync.http3;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.zsync.CanceledException;
import io.zsync.Io;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One request read whole off a server's stream, and the stream to answer it on. Made on the
 * stream's event loop by {@link RequestReader}; answered from the request's task.
 */
final class Exchange {

    private final QuicStreamChannel stream;
    private final Request request;
    /** Completed when the stream closes: the client reset it, its connection went, or it was answered. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    Exchange(QuicStreamChannel stream, Request request) {
        this.stream = stream;
        this.request = request;
        stream.closeFuture().addListener(done -> closed.complete(null));
    }

    Request request() {
        return request;
    }

    /**
     * Waits until {@code handling} completes or the stream closes, whichever comes first. A
     * cancellation point.
     */
    void awaitEither(Io io, CompletableFuture<?> handling) {
        try {
            io.await(CompletableFuture.anyOf(handling, closed));
        } catch (ExecutionException failedHandler) {
            // the handler's failure: its future gives it to the caller
        }
    }

    /** Answers {@code response} without a task, from any thread: a request that gets no task. */
    void refuse(Response response) {
        write(stream, response).addListener(done -> stream.shutdownOutput());
    }

    /**
     * Writes {@code response} and ends the stream, waiting until the last frame is handed to QUIC.
     * A cancellation point: canceled, the stream is reset.
     *
     * @throws IOException if the stream closed meanwhile (the client reset it)
     */
    void respond(Io io, Response response) throws IOException {
        ChannelFuture written = write(stream, response);
        try {
            NettyAwait.await(io, written, "answering " + request);
        } catch (CanceledException canceled) {
            NettyAwait.reset(stream);
            throw canceled;
        }
        NettyAwait.await(io, stream.shutdownOutput(), "ending the stream of " + request);
    }

    /** Resets the stream: the request's task was canceled before it answered. */
    void reset() {
        NettyAwait.reset(stream);
    }

    /** Writes {@code response} on {@code stream} and ends it; from any thread, never waits. */
    static ChannelFuture write(QuicStreamChannel stream, Response response) {
        Http3HeadersFrame head = new DefaultHttp3HeadersFrame();
        head.headers().status(Integer.toString(response.status()));
        response.headers().forEach((name, values) -> values.forEach(value -> head.headers().add(name, value)));
        byte[] body = response.bodyView();
        head.headers().setLong("content-length", body.length);
        if (body.length == 0) {
            return stream.writeAndFlush(head);
        }
        stream.write(head);
        return stream.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(body)));
    }
}
