package io.zsync.http3;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.zsync.Io;
import io.zsync.diagnostics.Leaks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One QUIC connection of an {@link Http3Client} to one origin, with the UDP channel under it (one
 * socket per connection, so that the TLS engine can be made for this origin's name). The
 * connection closes its socket when it closes, whoever closes it (the client, the peer, the idle
 * timer). Its request streams are opened and written here; reading is {@link ResponseReader}'s.
 */
final class ClientConnection {

    /** Flow-control windows: a 1 MiB body in one window per stream, 16 MiB over the connection. */
    static final long STREAM_WINDOW = 1 << 20;
    static final long CONNECTION_WINDOW = 16 << 20;

    private final Channel udp;
    private final QuicChannel quic;
    private final String authority;

    private ClientConnection(Channel udp, QuicChannel quic, String authority) {
        this.udp = udp;
        this.quic = quic;
        this.authority = authority;
    }

    /**
     * Opens a connection to {@code remote}, checking its certificate against {@code host}. A
     * cancellation point in each step; canceled (or failed), it leaves no channel open.
     *
     * @throws IOException if the socket cannot be bound or the handshake fails
     */
    static ClientConnection open(Io io, EventLoopGroup loop, QuicSslContext tls, ClientOptions options,
            String host, InetSocketAddress remote) throws IOException {
        ChannelHandler codec = Http3.newQuicClientCodecBuilder()
                .sslEngineProvider(channel -> tls.newEngine(channel.alloc(), host, remote.getPort()))
                .maxIdleTimeout(options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW)
                .build();
        ChannelFuture bound = new Bootstrap().group(loop).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress(0));
        NettyAwait.await(io, bound, "binding a UDP socket for " + remote, ignored -> bound.channel().close());
        Channel udp = bound.channel();
        Leaks.Tracker leak = Leaks.track(io, udp);
        udp.closeFuture().addListener(closed -> leak.close());
        try {
            QuicChannel quic = NettyAwait.await(io,
                    QuicChannel.newBootstrap(udp).handler(new Http3ClientConnectionHandler()).remoteAddress(remote).connect(),
                    "the QUIC handshake with " + remote, QuicChannel::close);
            quic.closeFuture().addListener(closed -> udp.close());
            String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + remote.getPort();
            return new ClientConnection(udp, quic, authority);
        } catch (IOException | RuntimeException failed) {
            udp.close();
            NettyAwait.awaitClosed(io, udp);
            throw failed;
        }
    }

    /** Whether requests can still go out on it: the QUIC connection is open. */
    boolean isOpen() {
        return quic.isActive();
    }

    /**
     * Opens a request stream read by {@code reader} and writes {@code request} on it, ending the
     * stream's output after the body. A cancellation point while the stream opens; the write goes
     * on on the event loop, and its failure fails {@code reader}.
     *
     * @throws IOException if no stream can be opened (the connection closed, or its stream limit)
     */
    QuicStreamChannel send(Io io, ClientRequest request, ResponseReader reader) throws IOException {
        QuicStreamChannel stream = NettyAwait.await(io, Http3.newRequestStream(quic, reader),
                "opening a request stream to " + authority, NettyAwait::reset);
        Leaks.Tracker leak = Leaks.track(io, stream);
        stream.closeFuture().addListener(closed -> leak.close());
        Http3HeadersFrame head = new DefaultHttp3HeadersFrame();
        head.headers().method(request.method()).path(request.pathAndQuery()).scheme("https").authority(authority);
        request.headers().forEach((name, values) -> values.forEach(value -> head.headers().add(name, value)));
        byte[] body = request.bodyView();
        ChannelFuture written;
        if (body.length == 0) {
            written = stream.writeAndFlush(head);
        } else {
            if (!head.headers().contains("content-length")) {
                head.headers().setLong("content-length", body.length);
            }
            stream.write(head);
            written = stream.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(body)));
        }
        written.addListener(done -> {
            if (done.isSuccess()) {
                stream.shutdownOutput();
            } else {
                reader.fail(done.cause());
            }
        });
        return stream;
    }

    /** Closes the connection (and so its socket) and waits for both, uncancelably and bounded. */
    void close(Io io) {
        quic.close();
        NettyAwait.awaitClosed(io, quic);
        udp.close();
        NettyAwait.awaitClosed(io, udp);
    }
}
