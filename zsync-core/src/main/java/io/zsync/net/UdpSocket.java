package io.zsync.net;

import io.zsync.Operation;
import io.zsync.diagnostics.Leaks;
import io.zsync.internal.IoCore;
import io.zsync.internal.IoFailures;
import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Op;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
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

    private final IoCore core;
    private final IoDriver driver;
    private final Handle handle;
    private final SocketOps receives;
    private final SocketOps sends;
    private final Leaks.Tracker leak;

    /** A socket on {@code handle}, a {@code DATAGRAM} handle {@code core}'s driver made. */
    UdpSocket(IoCore core, Handle handle) throws IOException {
        this.core = core;
        this.driver = core.driver();
        this.handle = handle;
        this.receives = new SocketOps(core);
        this.sends = new SocketOps(core);
        this.leak = Leaks.track(core.io(), this);
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
        return (SocketAddress) receiveOne(dst, timeout, false).value();
    }

    /**
     * Waits for one datagram ({@code connected}: from the connected peer) and copies it into
     * {@code dst}. Returns the op, already released, to read its outcome from: only the calling
     * task uses it until its next receive.
     */
    private Op receiveOne(ByteBuffer dst, Duration timeout, boolean connected) throws IOException {
        Op op = receives.take(Op.Kind.DATAGRAM_RECEIVE, handle);
        try {
            op.buffers(new ByteBuffer[] {dst}).flag(connected).tryOnly(connected);
            if (!receives.run(op, receives.deadline(timeout))) {
                throw new SocketTimeoutException("no datagram came within " + timeout
                        + "; none was taken and the socket is open: receive again, or close it");
            }
            return op;
        } finally {
            receives.release(op);
        }
    }

    /**
     * A receive, as {@link #receive(ByteBuffer)} does, as an operation to run in a
     * {@link io.zsync.Batch} or with {@link io.zsync.Io#operate}: its result is the sender's
     * address, and the datagram is in {@code dst}. Canceled, it took no datagram.
     */
    public Operation<SocketAddress> receiveOp(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst is null; pass a ByteBuffer to receive into");
        Op op = new Op().reset(Op.Kind.DATAGRAM_RECEIVE, handle).buffers(new ByteBuffer[] {dst});
        return core.operation(op, done -> {
            IoFailures.throwIfFailed(done);
            return (SocketAddress) done.value();
        });
    }

    /** Sends the remaining bytes of {@code src} as one datagram to {@code target}, waiting for room as needed. */
    public void send(ByteBuffer src, SocketAddress target) throws IOException {
        Objects.requireNonNull(src, "src is null; pass a ByteBuffer to send");
        Objects.requireNonNull(target, "target is null; pass the address to send to");
        sendOne(src, target);
    }

    private void sendOne(ByteBuffer src, SocketAddress target) throws IOException {
        Op op = sends.take(Op.Kind.DATAGRAM_SEND, handle);
        try {
            op.buffers(new ByteBuffer[] {src}).subject(target);
            sends.run(op, IoCore.NO_DEADLINE);
        } finally {
            sends.release(op);
        }
    }

    /**
     * Connects the socket to {@code peer}: datagrams from others are dropped, and {@link #read}
     * and {@link #write} exchange datagrams with the peer.
     */
    public UdpSocket connect(SocketAddress peer) throws IOException {
        Objects.requireNonNull(peer, "peer is null; pass the address of the peer");
        Op op = sends.take(Op.Kind.DATAGRAM_CONNECT, handle);
        try {
            sends.run(op.subject(peer), IoCore.NO_DEADLINE);
        } finally {
            sends.release(op);
        }
        return this;
    }

    /** Waits for a datagram from the connected peer and copies it into {@code dst}; returns its size as copied. */
    public int read(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst is null; pass a ByteBuffer to read into");
        return (int) receiveOne(dst, null, true).result();
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
        return (int) receiveOne(dst, timeout, true).result();
    }

    /** Sends the remaining bytes of {@code src} as one datagram to the connected peer. */
    public void write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "src is null; pass a ByteBuffer to write");
        sendOne(src, null);
    }

    /**
     * Joins the multicast {@code group} on {@code networkInterface}; {@link Membership#drop()}
     * leaves it. To send to a group through a given interface, set
     * {@link java.net.StandardSocketOptions#IP_MULTICAST_IF} as well.
     */
    public Membership join(InetAddress group, NetworkInterface networkInterface) throws IOException {
        Objects.requireNonNull(group, "group is null; pass a multicast address");
        Objects.requireNonNull(networkInterface, "networkInterface is null; pass the interface to join on");
        Op op = sends.take(Op.Kind.MEMBERSHIP_JOIN, handle);
        try {
            sends.run(op.subject(group).argument(networkInterface), IoCore.NO_DEADLINE);
            return new Membership(this, group, networkInterface, op.value());
        } finally {
            sends.release(op);
        }
    }

    /** Leaves the group of {@code membership}, whose token the driver gave at the join. */
    void leave(Object token) throws IOException {
        Op op = sends.take(Op.Kind.MEMBERSHIP_LEAVE, handle);
        try {
            sends.run(op.argument(token), IoCore.NO_DEADLINE);
        } finally {
            sends.release(op);
        }
    }

    /** Sets a socket option, such as {@link java.net.StandardSocketOptions#SO_BROADCAST}. */
    public <T> UdpSocket setOption(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option is null; pass a socket option, such as StandardSocketOptions.SO_BROADCAST");
        driver.setOption(handle, option, value);
        return this;
    }

    /** The value of a socket option. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        Objects.requireNonNull(option, "option is null; pass a socket option, such as StandardSocketOptions.SO_BROADCAST");
        return driver.getOption(handle, option);
    }

    /** Whether the socket is still open (not yet closed). */
    public boolean isOpen() {
        return driver.isOpen(handle);
    }

    /** The address the socket is bound to. */
    public SocketAddress localAddress() throws IOException {
        return driver.localAddress(handle);
    }

    /** Closes the socket and releases its descriptor before returning. Idempotent. */
    @Override
    public void close() throws IOException {
        leak.close();
        driver.close(handle);
    }

    @Override
    public String toString() {
        return "UdpSocket[" + handle + "]";
    }
}
