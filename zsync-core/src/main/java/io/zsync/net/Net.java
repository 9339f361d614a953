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

    private final Io io;

    private Net(Io io) {
        this.io = io;
    }

    /** Networking through {@code io}. */
    public static Net of(Io io) {
        return new Net(Objects.requireNonNull(io, "io"));
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
        return connect(remote, null);
    }

    /**
     * Like {@link #connect(SocketAddress)}, but gives up after {@code timeout} (resolving
     * included), closing the half-made socket.
     *
     * @throws SocketTimeoutException if the timeout passed first
     */
    public Connection connect(SocketAddress remote, Duration timeout) throws IOException {
        Objects.requireNonNull(remote, "remote");
        long deadline = timeout == null ? 0 : io.nanoTime() + timeout.toNanos();
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

    private Connection connectResolved(SocketAddress remote, Duration timeout, long deadline) throws IOException {
        io.checkCancel();
        SocketChannel channel = SocketChannel.open(familyOf(remote));
        boolean connected = false;
        try {
            channel.configureBlocking(false);
            if (!channel.connect(remote)) {
                while (!channel.finishConnect()) {
                    if (timeout == null) {
                        io.awaitReady(channel, SelectionKey.OP_CONNECT);
                    } else if (!io.awaitReady(channel, SelectionKey.OP_CONNECT, Duration.ofNanos(deadline - io.nanoTime()))) {
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
     * closes). Backlog: the system default.
     *
     * @throws BindException if the address is in use (for a Unix socket: the file exists)
     */
    public Listener listen(SocketAddress local) throws IOException {
        return listen(local, 0);
    }

    /** Like {@link #listen(SocketAddress)}, with a backlog of pending connections ({@code 0}: the system default). */
    public Listener listen(SocketAddress local, int backlog) throws IOException {
        Objects.requireNonNull(local, "local");
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
                    + (local instanceof UnixDomainSocketAddress ? " (delete the socket file if no server uses it)"
                            : " (another server has it; pick another port, or 0 for any free one)"));
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
        Objects.requireNonNull(local, "local");
        DatagramChannel channel = DatagramChannel.open(familyOf(local));
        boolean bound = false;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(local);
            channel.configureBlocking(false);
            bound = true;
            return new UdpSocket(io, channel);
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
        Objects.requireNonNull(host, "host");
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
