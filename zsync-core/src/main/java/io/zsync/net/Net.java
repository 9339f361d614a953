package io.zsync.net;

import io.zsync.CanceledException;
import io.zsync.Io;
import io.zsync.internal.IoCore;
import io.zsync.internal.IoFailures;
import io.zsync.spi.Handle;
import io.zsync.spi.Op;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Networking through an {@link Io}: TCP and Unix-domain stream sockets ({@link #connect},
 * {@link #listen}), UDP ({@link #openUdp}) and DNS ({@link #resolve}).
 *
 * <p>Every method that can wait is a cancellation point. A canceled wait leaves the socket as it
 * was: open, with every byte that arrived still readable, except for {@code connect}, whose
 * half-made socket is closed. Sockets are non-blocking channels woken by the {@code Io}'s poller;
 * no thread is ever interrupted.
 *
 * <p>Thread-safe. The sockets it makes are not: see each type.
 */
public final class Net {

    /** The backlog {@link #listen(SocketAddress)} asks for: the system's maximum, read once. */
    static final int DEFAULT_BACKLOG = SystemBacklog.maximum();

    /** The backlog asked for where the system does not tell its maximum. */
    static final int FALLBACK_BACKLOG = 4096;

    private final IoCore core;

    private Net(IoCore core) {
        this.core = core;
    }

    /**
     * Networking through {@code io}.
     *
     * @throws IllegalArgumentException if {@code io} was not made by {@link Io#open}: sockets need
     *         the I/O driver of such an {@code Io}
     */
    public static Net of(Io io) {
        return new Net(IoCore.of(Objects.requireNonNull(io, "io is null; pass the Io whose tasks will use the sockets")));
    }

    /**
     * Connects to {@code remote}: an {@link InetSocketAddress} (an unresolved one is resolved
     * first with {@link #resolve}, and each address tried in turn) or a
     * {@link UnixDomainSocketAddress}.
     *
     * @throws ConnectException if nobody accepts connections there (the message names the address)
     * @throws CanceledException if the calling task was canceled; the half-made socket is closed
     */
    public Connection connect(SocketAddress remote) throws IOException {
        requireRemote(remote);
        return connectWithin(remote, null);
    }

    /**
     * Like {@link #connect(SocketAddress)}, but gives up after {@code timeout} (resolving
     * included), closing the half-made socket. A timeout too long for the clock, such as
     * {@code Duration.ofSeconds(Long.MAX_VALUE)}, is no timeout, as for {@link Io#sleep}.
     *
     * @throws SocketTimeoutException if the timeout passed first
     * @throws NullPointerException if {@code remote} or {@code timeout} is {@code null}
     */
    public Connection connect(SocketAddress remote, Duration timeout) throws IOException {
        requireRemote(remote);
        Objects.requireNonNull(timeout, "timeout is null; pass a Duration, or call connect(remote) to wait as long as it takes");
        return connectWithin(remote, timeout);
    }

    /** {@link #connect(SocketAddress, Duration)}, where a {@code null} timeout is none. */
    private Connection connectWithin(SocketAddress remote, Duration timeout) throws IOException {
        long deadline = timeout == null ? IoCore.NO_DEADLINE : core.deadline(timeout);
        if (remote instanceof InetSocketAddress inet && inet.isUnresolved()) {
            List<InetAddress> addresses = resolve(inet.getHostString());
            IOException last = null;
            for (InetAddress address : addresses) {
                try {
                    return connectResolved(new InetSocketAddress(address, inet.getPort()), timeout, deadline);
                } catch (ConnectException | SocketTimeoutException e) {
                    last = e;
                }
            }
            throw Objects.requireNonNull(last);
        }
        return connectResolved(remote, timeout, deadline);
    }

    private static void requireRemote(SocketAddress remote) {
        Objects.requireNonNull(remote, "remote is null; pass the address to connect to");
        requireUsable(remote);
    }

    /**
     * Connects to a resolved {@code remote}, giving up at {@code deadline}, which is
     * {@code timeout} after the connect began ({@code null}: none). A canceled or timed-out
     * connect leaves no socket: the driver closes the half-made one.
     */
    private Connection connectResolved(SocketAddress remote, Duration timeout, long deadline) throws IOException {
        Op op = new Op().reset(Op.Kind.STREAM_CONNECT, null).subject(remote);
        if (core.perform(op, deadline) == Op.CANCELED) {
            throw new SocketTimeoutException("connecting to " + remote + " took longer than " + timeout);
        }
        IoFailures.throwIfFailed(op);
        return adopt(core, (Handle) op.value());
    }

    /** A {@link Connection} on a {@code STREAM} handle just made; the handle is closed if that fails. */
    static Connection adopt(IoCore core, Handle handle) throws IOException {
        return adopt(core, handle, Connection::new);
    }

    /** Makes a resource on a handle: {@code Connection::new}, {@code Listener::new}, {@code UdpSocket::new}. */
    @FunctionalInterface
    private interface ResourceOf<R> {
        R make(IoCore core, Handle handle) throws IOException;
    }

    /** The resource {@code make} builds on a handle just made; the handle is closed if that fails. */
    private static <R> R adopt(IoCore core, Handle handle, ResourceOf<R> make) throws IOException {
        try {
            return make.make(core, handle);
        } catch (IOException | RuntimeException e) {
            core.driver().close(handle);
            throw e;
        }
    }

    /**
     * Listens for connections on {@code local}: an {@link InetSocketAddress} (port 0 picks a free
     * port; {@code SO_REUSEADDR} is set, so a restarted server can bind at once) or a
     * {@link UnixDomainSocketAddress} (the socket file is created, and deleted when the listener
     * closes).
     *
     * <p>Backlog: the system's maximum, so that a burst of clients connecting at once waits to be
     * accepted instead of being refused: on Linux {@code net.core.somaxconn}
     * ({@code /proc/sys/net/core/somaxconn}, read once, as Netty does), elsewhere or when it cannot
     * be read 4096, which the system caps at its own maximum. (The JDK's default, which a backlog
     * of 0 asks for, is 50: 200 clients connecting at once then get resets.)
     *
     * @throws BindException if the address cannot be bound; the message says why (in use, a
     *         privileged port, not an address of this machine)
     */
    public Listener listen(SocketAddress local) throws IOException {
        return listen(local, DEFAULT_BACKLOG);
    }

    /**
     * Like {@link #listen(SocketAddress)}, with room for {@code backlog} connections waiting to be
     * accepted; the system caps it at its maximum ({@code net.core.somaxconn} on Linux).
     *
     * @throws IllegalArgumentException if {@code backlog} is less than 1
     */
    public Listener listen(SocketAddress local, int backlog) throws IOException {
        Objects.requireNonNull(local, "local is null; pass the address to listen on, such as new InetSocketAddress(0)");
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog is " + backlog + "; pass how many connections may wait to be"
                    + " accepted, 1 or more, or call listen(local) for the system's maximum");
        }
        requireUsable(local);
        Op op = new Op().reset(Op.Kind.STREAM_LISTEN, null).subject(local).count(backlog);
        core.perform(op, IoCore.NO_DEADLINE);
        IoFailures.throwIfFailed(op);
        return adopt(core, (Handle) op.value(), Listener::new);
    }

    /**
     * A UDP socket bound to {@code local} ({@code new InetSocketAddress(0)} for any port on every
     * interface; an IPv6 address makes an IPv6 socket).
     */
    public UdpSocket openUdp(InetSocketAddress local) throws IOException {
        Objects.requireNonNull(local, "local is null; pass the address to bind, such as new InetSocketAddress(0)");
        Op op = new Op().reset(Op.Kind.DATAGRAM_OPEN, null).subject(local);
        core.perform(op, IoCore.NO_DEADLINE);
        IoFailures.throwIfFailed(op);
        return adopt(core, (Handle) op.value(), UdpSocket::new);
    }

    /**
     * The addresses of {@code host} (a name or a literal address), as the system resolver gives
     * them. A cancellation point: a canceled lookup is abandoned (it ends in the background and
     * its answer is dropped).
     *
     * @throws UnknownHostException if the name does not resolve
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        Objects.requireNonNull(host, "host is null; pass a host name or a literal address");
        Op op = new Op().reset(Op.Kind.LOOKUP, null).subject(host);
        try {
            core.perform(op, IoCore.NO_DEADLINE);
            IoFailures.throwIfFailed(op);
        } catch (UnknownHostException e) {
            throw e;
        } catch (IOException e) {
            // The Io closed, or the driver failed otherwise: still no address for the name.
            UnknownHostException unresolved = new UnknownHostException("cannot resolve '" + host + "': " + e.getMessage());
            unresolved.initCause(e);
            throw unresolved;
        }
        @SuppressWarnings("unchecked")
        List<InetAddress> addresses = (List<InetAddress>) op.value();
        return addresses;
    }

    /** Refuses an address of a kind no driver knows. */
    static void requireUsable(SocketAddress address) {
        switch (address) {
            case UnixDomainSocketAddress unix -> { }
            case InetSocketAddress inet -> { }
            default -> throw new IllegalArgumentException("not an address zsync can use: " + address
                    + " (a " + address.getClass().getName() + "); give an InetSocketAddress or a UnixDomainSocketAddress");
        }
    }
}
