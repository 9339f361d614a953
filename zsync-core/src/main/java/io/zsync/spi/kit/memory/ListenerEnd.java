package io.zsync.spi.kit.memory;

import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A listening socket: a backlog of connections made but not yet accepted. A connect completes
 * once its connection is in the backlog, as TCP's handshake does; while the backlog is full it
 * waits, and a canceled connect leaves nothing queued.
 */
final class ListenerEnd extends MemHandle {

    final SocketAddress address;
    private final int backlog;
    private final Network network;
    private final ArrayDeque<StreamEnd> pending = new ArrayDeque<>();
    final Waiters accepts = new Waiters(this);
    final Waiters connects = new Waiters(this);
    /** Set under this monitor once the listener closed: connects are refused from then on. */
    private boolean stopped;

    ListenerEnd(SocketAddress address, int backlog, Network network) {
        super(Kind.LISTENER);
        this.address = address;
        this.backlog = backlog;
        this.network = network;
    }

    /**
     * Queues a new connection from {@code client} to {@code server} and records the client's end
     * in {@code op}; waits while the backlog is full; {@code REFUSED} once the listener closed.
     */
    synchronized int connect(Op op, SocketAddress client, SocketAddress server, List<Op> woken) {
        if (stopped) {
            op.failed(IoError.REFUSED, null, null);
            return Op.DONE;
        }
        if (pending.size() >= backlog) {
            return connects.park(op);
        }
        StreamEnd[] ends = StreamEnd.pair(client, server);
        pending.add(ends[1]);
        accepts.takeFirst(woken);
        op.done(ends[0], 0);
        return Op.DONE;
    }

    /** Takes the oldest connection of the backlog into {@code op} (unowned yet), or waits as {@link Pipe#read} does. */
    synchronized int accept(Op op, boolean decline, List<Op> woken) {
        if (stopped) {
            op.failed(IoError.CLOSED, null, null);
            return Op.DONE;
        }
        StreamEnd accepted = pending.poll();
        if (accepted == null) {
            return decline ? Op.WOULD_BLOCK : accepts.park(op);
        }
        connects.takeFirst(woken);
        op.done(accepted, 0);
        return Op.DONE;
    }

    /** Unbinds; the connections in the backlog are reset, waiting accepts end {@code CLOSED}, waiting connects are refused. */
    @Override
    void release(List<Op> woken) {
        network.unbind(this);
        List<StreamEnd> refused;
        synchronized (this) {
            stopped = true;
            refused = List.copyOf(pending);
            pending.clear();
            accepts.settleAll(IoError.CLOSED, "the listener was closed", woken);
            connects.takeAll(woken);
        }
        for (StreamEnd end : refused) {
            end.refuse(woken);
        }
    }

    @Override
    public String toString() {
        return "memory listener " + address + (isClosed() ? ", closed" : "");
    }
}
