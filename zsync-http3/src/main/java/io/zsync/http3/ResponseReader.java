package io.zsync.http3;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one response off a client's request stream, on the stream's event loop, into
 * {@link #response}: completed when the server ends the stream, failed when the stream fails,
 * closes early, or the body grows past the limit. Every frame is released as it is read.
 */
final class ResponseReader extends Http3RequestStreamInboundHandler {

    /** What the task in {@link Http3Client#send} awaits. */
    final CompletableFuture<ClientResponse> response = new CompletableFuture<>();

    private final int maxBodyBytes;
    private int status = -1;
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    ResponseReader(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Fails the response (if it has not ended) with {@code cause}: a write of the request failed. */
    void fail(Throwable cause) {
        response.completeExceptionally(cause);
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
        try {
            if (status >= 200) {
                return;                                    // trailers: this API has no place for them
            }
            Http3Headers headers = frame.headers();
            int code = parseStatus(headers.status());
            if (code < 0) {
                fail(new IOException("the server sent a response without a valid :status (" + headers.status() + ")"));
                ctx.close();
                return;
            }
            if (code < 200) {
                return;                                    // informational (103 Early Hints): the final one follows
            }
            status = code;
            headers.forEach(field -> {
                String name = field.getKey().toString();
                if (!name.startsWith(":")) {
                    fields.computeIfAbsent(name, n -> new ArrayList<>()).add(field.getValue().toString());
                }
            });
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
        try {
            ByteBuf content = frame.content();
            if ((long) body.size() + content.readableBytes() > maxBodyBytes) {
                fail(new IOException("the response body is over maxResponseBodyBytes (" + maxBodyBytes
                        + " bytes); raise it in ClientOptions if such a body is expected"));
                NettyAwait.reset((io.netty.handler.codec.quic.QuicStreamChannel) ctx.channel());
                return;
            }
            content.readBytes(body, content.readableBytes());
        } catch (IOException cannot) {
            fail(cannot);                                  // ByteArrayOutputStream never throws; the signature does
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    protected void channelInputClosed(ChannelHandlerContext ctx) {
        if (status < 0) {
            fail(new IOException("the server ended the stream without a response"));
        } else {
            response.complete(new ClientResponse(status, HeaderFields.freeze(fields), body.toByteArray()));
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(new IOException("the stream closed before the response ended (the server reset it, or the connection went)"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
        ctx.close();
    }

    private static int parseStatus(CharSequence status) {
        if (status == null || status.length() != 3) {
            return -1;
        }
        try {
            int code = Integer.parseInt(status.toString());
            return code >= 100 && code <= 599 ? code : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
