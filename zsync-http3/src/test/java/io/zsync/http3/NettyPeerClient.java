package io.zsync.http3;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The library's own HTTP/3 client, in plain Netty as its examples write one (no zsync code on its
 * path), with one QUIC connection, for the zsync server to answer. Used from the test's thread.
 */
final class NettyPeerClient implements AutoCloseable {

    /** A response as this client read it. */
    record Answer(int status, Map<String, String> headers, byte[] body) {}

    /** A request in flight: its stream (to reset) and its answer. */
    record InFlight(QuicStreamChannel stream, CompletableFuture<Answer> answer) {
        /** Resets the stream as a client that gives up does (RFC 9114 section 4.1.1). */
        void cancel() {
            stream.shutdown(Http3ErrorCode.H3_REQUEST_CANCELLED.code()).addListener(done -> stream.close());
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final QuicChannel connection;
    private final int port;

    private NettyPeerClient(int port) throws InterruptedException, ExecutionException {
        this.port = port;
        QuicSslContext tls = QuicSslContextBuilder.forClient().trustManager(TestIdentity.certificate())
                .applicationProtocols(Http3.supportedApplicationProtocols()).build();
        var codec = Http3.newQuicClientCodecBuilder()
                .sslEngineProvider(quic -> tls.newEngine(quic.alloc(), "127.0.0.1", port))
                .maxIdleTimeout(30, TimeUnit.SECONDS)
                .initialMaxData(64 << 20)
                .initialMaxStreamDataBidirectionalLocal(1 << 20)
                .build();
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress(0)).sync().channel();
        connection = QuicChannel.newBootstrap(channel).handler(new Http3ClientConnectionHandler())
                .remoteAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).connect().get();
    }

    static NettyPeerClient connect(int port) throws InterruptedException, ExecutionException {
        return new NettyPeerClient(port);
    }

    /**
     * Sends a request on a new stream of the connection and ends the stream's output;
     * {@code fields} are header names and values, alternately.
     */
    InFlight send(String method, String path, byte[] body, String... fields) throws InterruptedException, ExecutionException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        QuicStreamChannel stream = Http3.newRequestStream(connection, new Reader(answer)).get();
        Http3HeadersFrame head = new DefaultHttp3HeadersFrame();
        head.headers().method(method).path(path).scheme("https").authority("127.0.0.1:" + port);
        for (int i = 0; i < fields.length; i += 2) {
            head.headers().add(fields[i], fields[i + 1]);
        }
        if (body.length > 0) {
            head.headers().addInt("content-length", body.length);
            stream.write(head);
            stream.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(body))).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        } else {
            stream.writeAndFlush(head).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        }
        return new InFlight(stream, answer);
    }

    /** {@link #send} and wait, at most 30 s, for the answer. */
    Answer call(String method, String path, byte[] body, String... fields) throws Exception {
        return send(method, path, body, fields).answer().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        connection.close().sync();
        channel.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private static final class Reader extends Http3RequestStreamInboundHandler {
        private final CompletableFuture<Answer> answer;
        private int status;
        private final Map<String, String> headers = new HashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Reader(CompletableFuture<Answer> answer) {
            this.answer = answer;
        }

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
            status = Integer.parseInt(frame.headers().status().toString());
            frame.headers().forEach(field -> headers.put(field.getKey().toString(), field.getValue().toString()));
            ReferenceCountUtil.release(frame);
        }

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
            byte[] chunk = new byte[frame.content().readableBytes()];
            frame.content().readBytes(chunk);
            body.writeBytes(chunk);
            ReferenceCountUtil.release(frame);
        }

        @Override
        protected void channelInputClosed(ChannelHandlerContext ctx) {
            answer.complete(new Answer(status, headers, body.toByteArray()));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            answer.completeExceptionally(new IOException("the stream closed before its answer"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(cause);
            ctx.close();
        }
    }
}
