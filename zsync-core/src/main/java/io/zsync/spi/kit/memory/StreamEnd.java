package io.zsync.spi.kit.memory;

import io.zsync.spi.Op;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.util.List;

/** One end of a stream connection: it reads from {@link #in} and writes to {@link #out}, its peer the other way round. */
final class StreamEnd extends MemHandle {

    final Pipe in;
    final Pipe out;
    final SocketAddress local;
    final SocketAddress remote;

    StreamEnd(Pipe in, Pipe out, SocketAddress local, SocketAddress remote) {
        super(Kind.STREAM);
        this.in = in;
        this.out = out;
        this.local = local;
        this.remote = remote;
    }

    /** Both ends of a new connection from {@code client} to {@code server}: the client's first. */
    static StreamEnd[] pair(SocketAddress client, SocketAddress server) {
        Pipe up = new Pipe();
        Pipe down = new Pipe();
        return new StreamEnd[] {new StreamEnd(down, up, client, server), new StreamEnd(up, down, server, client)};
    }

    /** Closes as TCP does: the peer reads what was sent, then end of stream; with {@code SO_LINGER} 0, a reset. */
    @Override
    void release(List<Op> woken) {
        boolean reset = Integer.valueOf(0).equals(getOption(StandardSocketOptions.SO_LINGER));
        out.closeWriter(reset, woken);
        in.closeReader(woken);
    }

    /** A connection that waited in a closed listener's backlog: its client sees a reset. */
    void refuse(List<Op> woken) {
        markClosed();
        out.closeWriter(true, woken);
        in.closeReader(woken);
    }

    @Override
    public String toString() {
        return "memory stream " + local + " -> " + remote + (isClosed() ? ", closed" : "");
    }
}
