package io.zsync.spi.kit.nio;

import io.zsync.spi.Handle;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle of the NIO driver: a channel in non-blocking mode (sockets) or a {@code FileChannel}.
 * Package-private in all but name: only {@link NioDriver} makes and reads them, and code that
 * brings its own channels uses {@code io.zsync.nio.NioChannels}, not handles.
 */
final class NioHandle extends Handle {

    final Channel channel;
    /** The socket file a Unix-domain listener created, deleted at its first close; else {@code null}. */
    final UnixDomainSocketAddress socketFile;

    private final AtomicBoolean closed = new AtomicBoolean();

    NioHandle(Kind kind, Channel channel, UnixDomainSocketAddress socketFile) {
        super(kind);
        this.channel = channel;
        this.socketFile = socketFile;
    }

    /** {@code true} once, for the first close that finds the channel closed: it counts the handle closed. */
    boolean closedOnce() {
        return closed.compareAndSet(false, true);
    }

    /** The channel as a selectable one; sockets only. */
    SelectableChannel selectable() {
        return (SelectableChannel) channel;
    }

    @Override
    public String toString() {
        return kind() + "[" + channel + "]";
    }
}
