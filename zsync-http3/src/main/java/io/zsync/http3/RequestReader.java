package io.zsync.http3;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.diagnostics.Leaks;
import io.zsync.QueueClosedException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one request off a server's request stream, on its event loop, and hands it, whole, to the
 * server's queue of {@link Exchange}s, which its dispatcher task takes from. What cannot be handed
 * on is answered here, without a task: {@code 413} for a body over the limit, {@code 503} when the
 * queue is full or the server is closing. Every frame is released as it is read.
 */
final class RequestReader extends Http3RequestStreamInboundHandler {

    private final Io io;
    private final Queue<Exchange> exchanges;
    private final int maxBodyBytes;
    private Http3Headers head;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    /** Set once the request is answered here or handed on: what comes after is dropped. */
    private boolean settled;

    RequestReader(Io io, Queue<Exchange> exchanges, int maxBodyBytes) {
        this.io = io;
        this.exchanges = exchanges;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Tracks the stream as the leak detector's resource until it closes, however it closes. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Leaks.Tracker leak = Leaks.track(io, ctx.channel());
        ctx.channel().closeFuture().addListener(closed -> leak.close());
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
        try {
            if (head == null) {
                head = frame.headers();                    // later ones are trailers: not kept
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
        try {
            ByteBuf content = frame.content();
            if (settled) {
                return;
            }
            if ((long) body.size() + content.readableBytes() > maxBodyBytes) {
                settled = true;
                QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
                Exchange.write(stream, Response.text(413, "request body over " + maxBodyBytes + " bytes\n"))
                        .addListener(done -> stream.shutdownOutput());
                // Stop the rest of the body (STOP_SENDING): it would only be dropped.
                stream.shutdownInput(Http3ErrorCode.H3_NO_ERROR.code());
                return;
            }
            content.readBytes(body, content.readableBytes());
        } catch (java.io.IOException cannot) {
            throw new IllegalStateException(cannot);      // ByteArrayOutputStream never throws
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    protected void channelInputClosed(ChannelHandlerContext ctx) {
        if (settled) {
            return;
        }
        settled = true;
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        if (head == null) {
            NettyAwait.reset(stream);                      // a stream that ended before its headers
            return;
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        head.forEach(field -> {
            String name = field.getKey().toString();
            if (!name.startsWith(":")) {
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(field.getValue().toString());
            }
        });
        Request request = new Request(text(head.method()), text(head.path()), head.authority() == null ? null
                : head.authority().toString(), HeaderFields.freeze(fields), body.toByteArray());
        boolean queued;
        try {
            queued = exchanges.tryPut(new Exchange(stream, request));
        } catch (QueueClosedException closing) {
            queued = false;
        }
        if (!queued) {
            Exchange.write(stream, Response.text(503, "server busy or closing\n")).addListener(done -> stream.shutdownOutput());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();                                       // a reset or a protocol error: this stream only
    }

    private static String text(CharSequence value) {
        return value == null ? "" : value.toString();
    }
}
