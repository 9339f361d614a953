package io.zsync.spi.kit.memory;

import io.zsync.spi.IoError;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The addresses of a {@link MemoryWorld}: which listener or datagram socket is bound where, the
 * ports picked for port 0 and for clients, and the host names that resolve. Only loopback and
 * wildcard addresses are this world's own; a Unix-domain address is a name, with no file behind it.
 */
final class Network {

    /** The first port handed out for port 0 and for clients' ends: the start of the dynamic range. */
    private static final int FIRST_PORT = 49152;
    private static final int LAST_PORT = 65535;

    private final Map<Integer, ListenerEnd> tcp = new HashMap<>();
    private final Map<UnixDomainSocketAddress, ListenerEnd> unix = new HashMap<>();
    private final Map<Integer, DatagramEnd> udp = new HashMap<>();
    private final Map<String, List<InetAddress>> hosts = new HashMap<>();
    private int nextPort = FIRST_PORT;

    Network() {
        hosts.put("localhost", List.of(InetAddress.getLoopbackAddress()));
    }

    synchronized void addHost(String name, List<InetAddress> addresses) {
        hosts.put(name.toLowerCase(Locale.ROOT), List.copyOf(addresses));
    }

    /** The addresses of {@code host}: a name a test added, {@code localhost}, or a literal address. */
    synchronized List<InetAddress> lookup(String host) throws Failed {
        List<InetAddress> known = hosts.get(host.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        try {
            return List.of(InetAddress.ofLiteral(host));
        } catch (IllegalArgumentException notALiteral) {
            throw new Failed(IoError.UNKNOWN_HOST, "no such host in the memory world (MemoryWorld.addHost adds one)");
        }
    }

    synchronized ListenerEnd listen(SocketAddress address, int backlog) throws Failed {
        if (address instanceof UnixDomainSocketAddress name) {
            if (unix.containsKey(name)) {
                throw new Failed(IoError.ADDRESS_IN_USE, null);
            }
            ListenerEnd listener = new ListenerEnd(name, backlog, this);
            unix.put(name, listener);
            return listener;
        }
        InetSocketAddress inet = own((InetSocketAddress) address);
        int port = inet.getPort() == 0 ? freePort(tcp) : inet.getPort();
        if (tcp.containsKey(port)) {
            throw new Failed(IoError.ADDRESS_IN_USE, null);
        }
        ListenerEnd listener = new ListenerEnd(new InetSocketAddress(inet.getAddress(), port), backlog, this);
        tcp.put(port, listener);
        return listener;
    }

    synchronized DatagramEnd openDatagram(InetSocketAddress address) throws Failed {
        InetSocketAddress inet = own(address);
        int port = inet.getPort() == 0 ? freePort(udp) : inet.getPort();
        if (udp.containsKey(port)) {
            throw new Failed(IoError.ADDRESS_IN_USE, null);
        }
        InetSocketAddress local = new InetSocketAddress(inet.getAddress(), port);
        DatagramEnd socket = new DatagramEnd(local, new InetSocketAddress(reachable(inet.getAddress()), port), this);
        udp.put(port, socket);
        return socket;
    }

    synchronized void unbind(MemHandle handle) {
        switch (handle) {
            case ListenerEnd listener when listener.address instanceof UnixDomainSocketAddress name -> unix.remove(name, listener);
            case ListenerEnd listener -> tcp.remove(((InetSocketAddress) listener.address).getPort(), listener);
            case DatagramEnd socket -> udp.remove(socket.local.getPort(), socket);
            default -> { }
        }
    }

    /** The listener a connect to {@code target} reaches. */
    synchronized ListenerEnd listenerFor(SocketAddress target) throws Failed {
        ListenerEnd listener;
        if (target instanceof UnixDomainSocketAddress name) {
            listener = unix.get(name);
        } else {
            InetSocketAddress inet = reachable((InetSocketAddress) target);
            listener = tcp.get(inet.getPort());
            if (listener != null && !reaches(((InetSocketAddress) listener.address).getAddress(), inet.getAddress())) {
                listener = null;
            }
        }
        if (listener == null) {
            throw new Failed(IoError.REFUSED, "Connection refused");
        }
        return listener;
    }

    /** The datagram socket that {@code target} names, or {@code null}: a datagram to nobody is lost. */
    synchronized DatagramEnd datagramFor(SocketAddress target) throws Failed {
        InetSocketAddress inet = reachable((InetSocketAddress) target);
        DatagramEnd socket = udp.get(inet.getPort());
        return socket != null && reaches(socket.local.getAddress(), inet.getAddress()) ? socket : null;
    }

    /** A new address for a client's end of a connection to {@code server}. */
    synchronized SocketAddress clientAddress(SocketAddress server) {
        if (server instanceof InetSocketAddress inet) {
            return new InetSocketAddress(reachable(inet.getAddress()), freePort(tcp));
        }
        return UnixDomainSocketAddress.of("");
    }

    /** {@code target} as a connect sees it: the wildcard address stands for loopback. */
    static InetSocketAddress reachable(InetSocketAddress target) throws Failed {
        if (target.isUnresolved()) {
            throw new Failed(IoError.UNKNOWN_HOST, "an unresolved address");
        }
        InetAddress address = target.getAddress();
        if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()) {
            throw new Failed(IoError.UNREACHABLE, "the memory world has only loopback addresses");
        }
        return new InetSocketAddress(reachable(address), target.getPort());
    }

    private static InetAddress reachable(InetAddress address) {
        if (!address.isAnyLocalAddress()) {
            return address;
        }
        return address instanceof Inet6Address ? InetAddress.ofLiteral("::1") : InetAddress.ofLiteral("127.0.0.1");
    }

    /** Whether a socket bound to {@code bound} gets what is sent to {@code target}. */
    private static boolean reaches(InetAddress bound, InetAddress target) {
        return bound.isAnyLocalAddress() || bound.equals(target);
    }

    /** {@code address} if this world has it: a loopback or wildcard address. */
    private static InetSocketAddress own(InetSocketAddress address) throws Failed {
        if (address.isUnresolved()) {
            throw new Failed(IoError.ADDRESS_NOT_AVAILABLE, "an unresolved address");
        }
        InetAddress ip = address.getAddress();
        if (!ip.isAnyLocalAddress() && !ip.isLoopbackAddress()) {
            throw new Failed(IoError.ADDRESS_NOT_AVAILABLE, null);
        }
        return address;
    }

    private int freePort(Map<Integer, ?> bound) {
        for (int tries = FIRST_PORT; tries <= LAST_PORT; tries++) {
            int port = nextPort;
            nextPort = port == LAST_PORT ? FIRST_PORT : port + 1;
            if (!bound.containsKey(port)) {
                return port;
            }
        }
        throw new IllegalStateException("every port of the memory world's dynamic range is bound");
    }
}
