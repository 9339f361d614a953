package io.zsync.spi.kit.memory;

import io.zsync.spi.Handle;
import io.zsync.spi.Op;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A handle of the memory driver: a place in a {@link MemoryWorld} (a stream's pipes, a listener,
 * a datagram socket, an open file), the driver that made it (which counts it open), and the
 * socket options set on it.
 */
abstract class MemHandle extends Handle {

    private static final Map<SocketOption<?>, Object> DEFAULTS = Map.of(
            StandardSocketOptions.TCP_NODELAY, false,
            StandardSocketOptions.SO_RCVBUF, Pipe.CAPACITY,
            StandardSocketOptions.SO_SNDBUF, Pipe.CAPACITY,
            StandardSocketOptions.SO_REUSEADDR, false,
            StandardSocketOptions.SO_LINGER, -1,
            StandardSocketOptions.SO_KEEPALIVE, false,
            StandardSocketOptions.SO_BROADCAST, false);

    private static final Set<SocketOption<?>> STREAM = Set.of(StandardSocketOptions.TCP_NODELAY,
            StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_REUSEADDR,
            StandardSocketOptions.SO_LINGER, StandardSocketOptions.SO_KEEPALIVE);
    private static final Set<SocketOption<?>> LISTENER = Set.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_REUSEADDR);
    private static final Set<SocketOption<?>> DATAGRAM = Set.of(StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_BROADCAST);

    /** The driver that handed this handle out, once it has; it counts the handle open until closed. */
    private MemoryDriver owner;
    private boolean closed;
    private final Map<SocketOption<?>, Object> options = new HashMap<>();

    MemHandle(Kind kind) {
        super(kind);
    }

    /** Hands this handle to {@code driver}, which counts it open. */
    final synchronized void ownedBy(MemoryDriver driver) {
        owner = driver;
        driver.counted(+1);
    }

    /** Marks this handle closed; {@code true} the first time, when its owner stops counting it. */
    final boolean markClosed() {
        MemoryDriver counted;
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            counted = owner;
        }
        if (counted != null) {
            counted.counted(-1);
        }
        return true;
    }

    final synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Releases what this handle holds in the world, once, after {@link #markClosed}: its ops in
     * flight end failed with {@code CLOSED}, the other side's waiting ops are taken out to see the
     * change; all go into {@code woken}, which the caller wakes.
     */
    abstract void release(List<Op> woken);

    final synchronized <T> void setOption(SocketOption<T> option, T value) {
        requireSupported(option);
        options.put(option, option.type().cast(value));
    }

    final synchronized <T> T getOption(SocketOption<T> option) {
        requireSupported(option);
        return option.type().cast(options.getOrDefault(option, DEFAULTS.get(option)));
    }

    private void requireSupported(SocketOption<?> option) {
        Set<SocketOption<?>> supported = switch (kind()) {
            case STREAM -> STREAM;
            case LISTENER -> LISTENER;
            case DATAGRAM -> DATAGRAM;
            case FILE -> Set.of();
        };
        if (!supported.contains(option)) {
            throw new UnsupportedOperationException("'" + option.name() + "' is not supported by the memory driver's "
                    + kind().name().toLowerCase(Locale.ROOT) + " sockets; it keeps " + names(supported));
        }
    }

    private static List<String> names(Set<SocketOption<?>> options) {
        return options.stream().map(SocketOption::name).sorted().toList();
    }
}
