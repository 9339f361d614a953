package io.zsync.net;

import io.zsync.Io;
import io.zsync.diagnostics.Leaks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.Objects;

/**
 * A UDP socket made by {@link Net#openUdp}: datagrams to and from any address, or, once
 * {@linkplain #connect connected}, to and from one peer; multicast groups and broadcast.
 *
 * <p>Receiving and sending are cancellation points. A canceled receive takes no datagram, nor does
 * one that timed out ({@link #receive(ByteBuffer, Duration)}, {@link #read(ByteBuffer, Duration)});
 * a send either sent the whole datagram or nothing. One task may receive while another sends.
 */
public final class UdpSocket implements AutoCloseable {

    private final Io io;
    private final DatagramChannel channel;
    private final Leaks.Tracker leak;

    UdpSocket(Io io, DatagramChannel channel) {
        this.io = io;
        this.channel = channel;
        this.leak = Leaks.track(io, this);
    }

    /**
     * Waits for a datagram, copies it into {@code dst} (the part that does not fit is dropped, as
     * UDP does) and returns who sent it.
     */
    public SocketAddress receive(ByteBuffer dst) throws IOException {
        return receiveWithin(dst, null);
    }

    /**
     * Like {@link #receive(ByteBuffer)}, but gives up after {@code timeout}, as a
     * {@code DatagramSocket} with {@code setSoTimeout} does: a receive that timed out took no
     * datagram and left {@code dst} as it was, and the socket stays open and usable (receive
     * again, or close it). A zero or negative timeout takes a datagram only if one is there; one
     * too long for the clock is no timeout. A cancellation point.
     *
     * @throws SocketTimeoutException if no datagram came within {@code timeout}
     * @throws NullPointerException if {@code dst} or {@code timeout} is {@code null}
     */
    public SocketAddress receive(ByteBuffer dst, Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout is null; pass how long to wait for a datagram, or call receive(dst)");
        return receiveWithin(dst, timeout);
    }

    /** {@link #receive(ByteBuffer, Duration)}, where a {@code null} timeout is none. */
    private SocketAddress receiveWithin(ByteBuffer dst, Duration timeout) throws IOException {
        Objects.requireNonNull(dst, "dst is null; pass a ByteBuffer to receive into");
        io.checkCancel();
        long start = timeout == null ? 0 : io.nanoTime();
        while (true) {
            SocketAddress sender = channel.receive(dst);
            if (sender != null) {
                return sender;
            }
            Readiness.awaitReadable(io, channel, timeout, start);
        }
    }

    /** Sends the remaining bytes of {@code src} as one datagram to {@code target}, waiting for room as needed. */
    public void send(ByteBuffer src, SocketAddress target) throws IOException {
        Objects.requireNonNull(src, "src is null; pass a ByteBuffer to send");
        Objects.requireNonNull(target, "target is null; pass the address to send to");
        io.checkCancel();
        while (channel.send(src, target) == 0 && src.hasRemaining()) {
            io.awaitReady(channel, SelectionKey.OP_WRITE);
        }
    }

    /**
     * Connects the socket to {@code peer}: datagrams from others are dropped, and {@link #read}
     * and {@link #write} exchange datagrams with the peer.
     */
    public UdpSocket connect(SocketAddress peer) throws IOException {
        Objects.requireNonNull(peer, "peer is null; pass the address of the peer");
        channel.connect(peer);
        return this;
    }

    /** Waits for a datagram from the connected peer and copies it into {@code dst}; returns its size as copied. */
    public int read(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst is null; pass a ByteBuffer to read into");
        return Readiness.read(io, channel, dst, null);
    }

    /**
     * Like {@link #read(ByteBuffer)}, but gives up after {@code timeout}, as
     * {@link #receive(ByteBuffer, Duration)} does: a read that timed out took no datagram.
     *
     * @throws SocketTimeoutException if no datagram came within {@code timeout}
     * @throws NullPointerException if {@code dst} or {@code timeout} is {@code null}
     */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        Objects.requireNonNull(dst, "dst is null; pass a ByteBuffer to read into");
        Objects.requireNonNull(timeout, "timeout is null; pass how long to wait for a datagram, or call read(dst)");
        return Readiness.read(io, channel, dst, timeout);
    }

    /** Sends the remaining bytes of {@code src} as one datagram to the connected peer. */
    public void write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "src is null; pass a ByteBuffer to write");
        io.checkCancel();
        while (channel.write(src) == 0 && src.hasRemaining()) {
            io.awaitReady(channel, SelectionKey.OP_WRITE);
        }
    }

    /**
     * Joins the multicast {@code group} on {@code networkInterface}; {@link MembershipKey#drop()}
     * leaves it. To send to a group through a given interface, set
     * {@link java.net.StandardSocketOptions#IP_MULTICAST_IF} as well.
     */
    public MembershipKey join(InetAddress group, NetworkInterface networkInterface) throws IOException {
        Objects.requireNonNull(group, "group is null; pass a multicast address");
        Objects.requireNonNull(networkInterface, "networkInterface is null; pass the interface to join on");
        return channel.join(group, networkInterface);
    }

    /** Sets a socket option, such as {@link java.net.StandardSocketOptions#SO_BROADCAST}. */
    public <T> UdpSocket setOption(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option is null; pass a socket option, such as StandardSocketOptions.SO_BROADCAST");
        channel.setOption(option, value);
        return this;
    }

    /** The value of a socket option. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        Objects.requireNonNull(option, "option is null; pass a socket option, such as StandardSocketOptions.SO_BROADCAST");
        return channel.getOption(option);
    }

    /** The address the socket is bound to. */
    public SocketAddress localAddress() throws IOException {
        return channel.getLocalAddress();
    }

    /** Closes the socket and releases its descriptor before returning. Idempotent. */
    @Override
    public void close() throws IOException {
        leak.close();
        io.closeChannel(channel);
    }

    @Override
    public String toString() {
        return "UdpSocket[" + channel + "]";
    }
}
