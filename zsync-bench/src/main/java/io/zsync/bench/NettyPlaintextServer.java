package io.zsync.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code netty-epoll} and {@code netty-io_uring} peers of the HTTP bench: Netty 4.2 answering
 * {@code GET /plaintext} the way TechEmpower's Netty entry does. An {@link HttpServerCodec} and a
 * handler that writes a prepared response for each request without flushing, and flushes once per
 * read ({@code channelReadComplete}), so that the answers to a pipelined batch leave in one write.
 * One event loop per core, on the native transport asked for.
 */
final class NettyPlaintextServer implements LoopbackServer {

    /** The native transports: each its I/O handler and server channel, and whether it loads here. */
    enum Transport {
        EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, Epoll::isAvailable, Epoll::unavailabilityCause),
        IO_URING(IoUringIoHandler::newFactory, IoUringServerSocketChannel.class, IoUring::isAvailable,
                IoUring::unavailabilityCause);

        private final Supplier<IoHandlerFactory> handlers;
        private final Class<? extends ServerChannel> channel;
        private final Supplier<Boolean> available;
        private final Supplier<Throwable> cause;

        Transport(Supplier<IoHandlerFactory> handlers, Class<? extends ServerChannel> channel,
                Supplier<Boolean> available, Supplier<Throwable> cause) {
            this.handlers = handlers;
            this.channel = channel;
            this.available = available;
            this.cause = cause;
        }

        /** Why Netty cannot use this transport on this machine, or {@code null} when it can. */
        String unavailable() {
            return available.get() ? null : "Netty's " + name().toLowerCase() + " transport does not load here: " + cause.get();
        }
    }

    private static final int BACKLOG = 1024;
    private static final int STOP_SECONDS = 5;

    private final Transport transport;
    private final int port;
    private EventLoopGroup group;

    /** A server on {@code transport} that will listen on {@code port} (0: any free port), not started. */
    NettyPlaintextServer(Transport transport, int port) {
        this.transport = transport;
        this.port = port;
    }

    @Override
    public int start() throws IOException {
        if (group != null) {
            throw new IllegalStateException("this Netty server was started already");
        }
        String unavailable = transport.unavailable();
        if (unavailable != null) {
            throw new IOException(unavailable);
        }
        group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), transport.handlers.get());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.channel)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new PlaintextHandler());
                    }
                });
        try {
            Channel listener = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
            return ((InetSocketAddress) listener.localAddress()).getPort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while binding the Netty server");
        } catch (RuntimeException e) {
            // sync() rethrows the bind's failure, such as a port in use, unchecked.
            throw new IOException("the Netty " + transport + " server cannot listen on port " + port + ": " + e, e);
        }
    }

    /** Shuts the event loops down, closing the listener and every connection, and waits for them. */
    @Override
    public void close() {
        if (group == null) {
            return;
        }
        group.shutdownGracefully(0, STOP_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(2L * STOP_SECONDS, TimeUnit.SECONDS);
    }

    /** Answers each request with {@code Hello, World!}, and flushes once per read. */
    private static final class PlaintextHandler extends ChannelInboundHandlerAdapter {

        private static final ByteBuf BODY = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer().writeBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII))).asReadOnly();

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            try {
                if (message instanceof HttpRequest request) {
                    boolean found = request.uri().equals("/plaintext");
                    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            found ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
                            found ? BODY.duplicate() : Unpooled.EMPTY_BUFFER, false);
                    response.headers()
                            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                            .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                    if (HttpUtil.isKeepAlive(request)) {
                        context.write(response, context.voidPromise());
                    } else {
                        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    }
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
