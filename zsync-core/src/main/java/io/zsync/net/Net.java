package io.zsync.net;

import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Io;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

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

    private final Io io;

    private Net(Io io) {
        this.io = io;
    }

    /** Networking through {@code io}. */
    public static Net of(Io io) {
        return new Net(Objects.requireNonNull(io, "io is null; pass the Io whose tasks will use the sockets"));
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
        long start = io.nanoTime();
        if (remote instanceof InetSocketAddress inet && inet.isUnresolved()) {
            List<InetAddress> addresses = resolve(inet.getHostString());
            IOException last = null;
            for (InetAddress address : addresses) {
                try {
                    return connectResolved(new InetSocketAddress(address, inet.getPort()), timeout, start);
                } catch (ConnectException | SocketTimeoutException e) {
                    last = e;
                }
            }
            throw Objects.requireNonNull(last);
        }
        return connectResolved(remote, timeout, start);
    }

    private static void requireRemote(SocketAddress remote) {
        Objects.requireNonNull(remote, "remote is null; pass the address to connect to");
    }

    /**
     * Connects to a resolved {@code remote}, giving up once {@code timeout} ({@code null}: none)
     * has passed since {@code start} on the {@code Io}'s clock. What is left of the timeout goes to
     * {@link Io#awaitReady} as a {@code Duration} ({@link Readiness#left}), whose deadline
     * saturates: no arithmetic here can overflow.
     */
    private Connection connectResolved(SocketAddress remote, Duration timeout, long start) throws IOException {
        io.checkCancel();
        SocketChannel channel = SocketChannel.open(familyOf(remote));
        boolean connected = false;
        try {
            channel.configureBlocking(false);
            if (!channel.connect(remote)) {
                while (!channel.finishConnect()) {
                    if (timeout == null) {
                        io.awaitReady(channel, SelectionKey.OP_CONNECT);
                    } else if (!io.awaitReady(channel, SelectionKey.OP_CONNECT, Readiness.left(io, timeout, start))) {
                        throw new SocketTimeoutException("connecting to " + remote + " took longer than " + timeout);
                    }
                }
            }
            connected = true;
            return new Connection(io, channel);
        } catch (ConnectException e) {
            ConnectException named = new ConnectException("cannot connect to " + remote + ": " + e.getMessage()
                    + " (is a server listening there?)");
            named.initCause(e);
            throw named;
        } finally {
            if (!connected) {
                io.closeChannel(channel);
            }
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
        ServerSocketChannel channel = ServerSocketChannel.open(familyOf(local));
        boolean bound = false;
        try {
            if (!(local instanceof UnixDomainSocketAddress)) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            channel.bind(local, backlog);
            channel.configureBlocking(false);
            bound = true;
            return new Listener(io, channel, local instanceof UnixDomainSocketAddress unix ? unix : null);
        } catch (BindException e) {
            BindException named = new BindException("cannot listen on " + local + ": " + e.getMessage()
                    + bindAdvice(e.getMessage(), local instanceof UnixDomainSocketAddress));
            named.initCause(e);
            throw named;
        } finally {
            if (!bound) {
                channel.close();
            }
        }
    }

    /**
     * A UDP socket bound to {@code local} ({@code new InetSocketAddress(0)} for any port on every
     * interface; an IPv6 address makes an IPv6 socket).
     */
    public UdpSocket openUdp(InetSocketAddress local) throws IOException {
        Objects.requireNonNull(local, "local is null; pass the address to bind, such as new InetSocketAddress(0)");
        DatagramChannel channel = DatagramChannel.open(familyOf(local));
        boolean bound = false;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(local);
            channel.configureBlocking(false);
            bound = true;
            return new UdpSocket(io, channel);
        } catch (BindException e) {
            BindException named = new BindException("cannot bind a UDP socket to " + local + ": " + e.getMessage()
                    + bindAdvice(e.getMessage(), false));
            named.initCause(e);
            throw named;
        } finally {
            if (!bound) {
                channel.close();
            }
        }
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
        io.checkCancel();
        Event done = io.event();
        AtomicReference<Object> outcome = new AtomicReference<>();
        // The JDK resolver blocks and cannot be interrupted safely: a thread of its own lets the
        // caller stop waiting for it.
        Thread.ofVirtual().name("zsync-resolve").start(() -> {
            try {
                outcome.set(List.of(InetAddress.getAllByName(host)));
            } catch (UnknownHostException | RuntimeException e) {
                outcome.set(e);
            } finally {
                done.set();
            }
        });
        done.await();
        Object result = outcome.get();
        if (result instanceof UnknownHostException e) {
            throw new UnknownHostException("cannot resolve '" + host + "': " + e.getMessage());
        }
        if (result instanceof RuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        List<InetAddress> addresses = (List<InetAddress>) result;
        return addresses;
    }

    /**
     * What to do about a failed bind, by its cause as the system worded it ({@code reason}), for
     * a Unix-domain socket file or a TCP address; nothing for a cause it does not know.
     */
    static String bindAdvice(String reason, boolean unix) {
        String cause = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (cause.contains("already in use")) {
            return unix ? " (the socket file exists: delete it if no server uses it)"
                    : " (another socket is bound there; pick another port, or 0 for any free one)";
        }
        if (cause.contains("permission denied") || cause.contains("access denied")) {
            return unix ? " (this process may not create a file in that directory)"
                    : " (ports below 1024 need privileges, such as CAP_NET_BIND_SERVICE on Linux;"
                            + " use a port of 1024 or more)";
        }
        if (cause.contains("cannot assign requested address") || cause.contains("can't assign requested address")) {
            return " (that address is not one of this machine's; use one of its interfaces' addresses,"
                    + " or the wildcard address for all)";
        }
        return "";
    }

    static ProtocolFamily familyOf(SocketAddress address) {
        return switch (address) {
            case UnixDomainSocketAddress unix -> StandardProtocolFamily.UNIX;
            case InetSocketAddress inet when inet.getAddress() instanceof Inet6Address -> StandardProtocolFamily.INET6;
            case InetSocketAddress inet -> StandardProtocolFamily.INET;
            default -> throw new IllegalArgumentException("not an address zsync can use: " + address
                    + " (a " + address.getClass().getName() + "); give an InetSocketAddress or a UnixDomainSocketAddress");
        };
    }
}
