package io.zsync.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A UDP socket's membership of a multicast group, made by {@link UdpSocket#join}: datagrams sent
 * to the group reach the socket until {@link #drop()} (or {@link #close()}) leaves it, or the
 * socket closes. Thread-safe; dropping is idempotent.
 */
public final class Membership implements AutoCloseable {

    private final UdpSocket socket;
    private final InetAddress group;
    private final NetworkInterface networkInterface;
    private final Object token;
    private final AtomicBoolean dropped = new AtomicBoolean();

    Membership(UdpSocket socket, InetAddress group, NetworkInterface networkInterface, Object token) {
        this.socket = socket;
        this.group = group;
        this.networkInterface = networkInterface;
        this.token = token;
    }

    /** The multicast group joined. */
    public InetAddress group() {
        return group;
    }

    /** The interface it was joined on. */
    public NetworkInterface networkInterface() {
        return networkInterface;
    }

    /** Whether the membership holds: not dropped, and its socket open. */
    public boolean isValid() {
        return !dropped.get() && socket.isOpen();
    }

    /** Leaves the group. Idempotent; nothing to do once the socket is closed. */
    public void drop() throws IOException {
        if (dropped.compareAndSet(false, true) && socket.isOpen()) {
            socket.leave(token);
        }
    }

    /** {@link #drop()}, for try-with-resources. */
    @Override
    public void close() throws IOException {
        drop();
    }

    @Override
    public String toString() {
        return "Membership[" + group + " on " + networkInterface.getName() + (isValid() ? "]" : ", dropped]");
    }
}
