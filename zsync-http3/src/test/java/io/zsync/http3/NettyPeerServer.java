package io.zsync.http3;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own HTTP/3 server, in plain Netty as its examples write one (no zsync code on its
 * path), for the zsync client to talk to. Routes: {@code GET /hello}; {@code POST /echo} answers
 * the body it got; {@code GET /bytes?n=N} answers N bytes of {@link #pattern}; {@code GET /never}
 * is held unanswered for the test (see {@link Held}).
 */
final class NettyPeerServer implements AutoCloseable {

    /** QUIC connections this server accepted. */
    final AtomicInteger connections = new AtomicInteger();
    /** Each {@code /never} request that arrived, held unanswered until the test says. */
    final BlockingQueue<Held> neverStreams = new LinkedBlockingQueue<>();

    /**
     * A request held unanswered. {@link #answerNow()} answers it late, as a slow server does, and
     * tells whether the client had told the server to stop sending on the stream (STOP_SENDING,
     * RFC 9000 section 3.5, which Netty shows only once something is written: the stream turns
     * unwritable and the write stays pending); the server then closes the stream, as a server
     * gives up a request its client abandoned. {@code closed} completes when the stream is closed.
     */
    record Held(QuicStreamChannel stream, CompletableFuture<Boolean> stopped, CompletableFuture<Void> closed) {
        CompletableFuture<Boolean> answerNow() {
            Http3HeadersFrame head = new DefaultHttp3HeadersFrame();
            head.headers().status("200");
            stream.writeAndFlush(head).addListener(done -> {
                if (done.isSuccess()) {
                    stopped.complete(false);
                    stream.shutdownOutput();
                }
            });
            return stopped;
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    private NettyPeerServer(KeyStore.PrivateKeyEntry identity) throws InterruptedException {
        QuicSslContext tls = QuicSslContextBuilder.forServer(identity.getPrivateKey(), null,
                        (X509Certificate) identity.getCertificate())
                .applicationProtocols(Http3.supportedApplicationProtocols()).build();
        var codec = Http3.newQuicServerCodecBuilder()
                .sslContext(tls)
                .maxIdleTimeout(30, TimeUnit.SECONDS)
                .initialMaxData(64 << 20)
                .initialMaxStreamDataBidirectionalLocal(1 << 20)
                .initialMaxStreamDataBidirectionalRemote(1 << 20)
                .initialMaxStreamsBidirectional(256)
                .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel connection) {
                        connections.incrementAndGet();
                        connection.pipeline().addLast(new Http3ServerConnectionHandler(new ChannelInitializer<QuicStreamChannel>() {
                            @Override
                            protected void initChannel(QuicStreamChannel stream) {
                                stream.pipeline().addLast(new Route());
                            }
                        }));
                    }
                }).build();
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    static NettyPeerServer start() throws InterruptedException {
        return new NettyPeerServer(TestIdentity.identity());
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Byte {@code i} of a body of {@code /bytes}: not all zeros, so that a misplaced byte shows. */
    static byte pattern(int i) {
        return (byte) (i % 251);
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private final class Route extends Http3RequestStreamInboundHandler {
        private String method;
        private String path;
        private Held held;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
            method = frame.headers().method().toString();
            path = frame.headers().path().toString();
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
            if (path.equals("/never")) {
                held = new Held((QuicStreamChannel) ctx.channel(), new CompletableFuture<>(), new CompletableFuture<>());
                ctx.channel().closeFuture().addListener(done -> held.closed().complete(null));
                neverStreams.add(held);
            } else if (path.equals("/hello") && method.equals("GET")) {
                answer(ctx, 200, "hello from netty".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/echo") && method.equals("POST")) {
                answer(ctx, 200, body.toByteArray());
            } else if (path.startsWith("/bytes?n=")) {
                byte[] bytes = new byte[Integer.parseInt(path.substring("/bytes?n=".length()))];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = pattern(i);
                }
                answer(ctx, 200, bytes);
            } else {
                answer(ctx, 404, "no such route".getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (held != null && !ctx.channel().isWritable()) {
                held.stopped().complete(true);
                ctx.close();
            }
            super.channelWritabilityChanged(ctx);
        }

        private void answer(ChannelHandlerContext ctx, int status, byte[] content) {
            Http3HeadersFrame head = new DefaultHttp3HeadersFrame();
            head.headers().status(Integer.toString(status));
            head.headers().add("server", "netty-peer");
            head.headers().add("x-request", method + " " + path);
            head.headers().addInt("content-length", content.length);
            ctx.write(head);
            ctx.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(content)))
                    .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        }
    }
}
