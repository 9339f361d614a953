package io.zsync.spi.kit.memory;

import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A datagram socket: a bounded queue of whole datagrams, each with its sender. A datagram that
 * finds the queue full is dropped, as UDP drops it; a connected socket takes datagrams from its
 * peer only.
 */
final class DatagramEnd extends MemHandle {

    /** How many bytes of datagrams a socket holds before it drops new ones: a socket's typical receive buffer. */
    static final int QUEUE_BYTES = 256 * 1024;

    /** The address as bound (the wildcard address, say). */
    final InetSocketAddress local;
    /** The address its datagrams come from: the bound one, a loopback address for the wildcard. */
    final InetSocketAddress sender;
    private final Network network;
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private int queuedBytes;
    private SocketAddress peer;
    private boolean stopped;
    final Waiters receivers = new Waiters(this);

    private record Datagram(byte[] data, SocketAddress sender) {}

    DatagramEnd(InetSocketAddress local, InetSocketAddress sender, Network network) {
        super(Kind.DATAGRAM);
        this.local = local;
        this.sender = sender;
        this.network = network;
    }

    /** Queues {@code data} from {@code from}, or drops it: full queue, closed, or connected to another peer. */
    synchronized void deliver(byte[] data, SocketAddress from, List<Op> woken) {
        if (stopped || peer != null && !peer.equals(from) || queuedBytes + data.length > QUEUE_BYTES) {
            return;
        }
        queue.add(new Datagram(data, from));
        queuedBytes += data.length;
        receivers.takeFirst(woken);
    }

    /**
     * Takes the oldest datagram into {@code op}'s buffer (what does not fit is dropped), its
     * sender as the value; or waits as {@link Pipe#read} does.
     */
    synchronized int receive(Op op, boolean decline) {
        if (stopped) {
            op.failed(IoError.CLOSED, null, null);
            return Op.DONE;
        }
        Datagram next;
        while ((next = queue.poll()) != null) {
            queuedBytes -= next.data.length;
            if (peer == null || peer.equals(next.sender)) {
                break;
            }
        }
        if (next == null) {
            return decline ? Op.WOULD_BLOCK : receivers.park(op);
        }
        ByteBuffer dst = op.buffers()[0];
        int n = Math.min(dst.remaining(), next.data.length);
        dst.put(next.data, 0, n);
        op.done(next.sender, n);
        return Op.DONE;
    }

    synchronized void connect(SocketAddress peer) {
        this.peer = peer;
    }

    /** The connected peer, or {@code null}. */
    synchronized SocketAddress peer() {
        return peer;
    }

    @Override
    void release(List<Op> woken) {
        network.unbind(this);
        synchronized (this) {
            stopped = true;
            queue.clear();
            queuedBytes = 0;
            receivers.settleAll(IoError.CLOSED, "the socket was closed", woken);
        }
    }

    @Override
    public String toString() {
        return "memory datagram socket " + local + (isClosed() ? ", closed" : "");
    }
}
