package io.zsync.spi.kit.memory;

import io.zsync.spi.Backend;
import io.zsync.spi.IoDriver;
import io.zsync.spi.IoDriverFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network and a disk in memory, for tests: give it to {@link io.zsync.IoOptions#driver} and the
 * {@code Io}'s files and sockets live here, with no kernel, no descriptor and no thread of the
 * world's own. Several {@code Io}s may share one world (a server on {@code evented}, a client on
 * {@code blocking}); each gets a {@link MemoryDriver} of its own over it.
 *
 * <pre>{@code
 * MemoryWorld world = MemoryWorld.create();
 * try (Io server = Io.open("evented", IoOptions.defaults().driver(world));
 *      Io client = Io.open("blocking", IoOptions.defaults().driver(world))) { ... }
 * }</pre>
 *
 * <h2>The model</h2>
 * <ul>
 * <li><b>Addresses</b>: loopback and wildcard {@code InetSocketAddress}es (port 0 picks a free
 *     port), and {@code UnixDomainSocketAddress}es as names (no file is made). Any other address
 *     is unreachable, and cannot be bound.</li>
 * <li><b>Stream connections</b>: a bounded ring of bytes each way, 64 KiB: a write copies what
 *     fits, at least one byte, or waits for room; a read copies what is there or waits. Shutting
 *     the output down or closing gives the peer end of stream after the bytes; the peer's writes
 *     after a close fail as reset; closing with {@code SO_LINGER} 0 resets the connection.</li>
 * <li><b>Listeners</b>: a connect completes once its connection is in the backlog (as TCP's
 *     handshake does), and is refused where nobody listens.</li>
 * <li><b>Datagrams</b>: a bounded queue per socket, each datagram with its sender; one that does
 *     not fit is dropped, as UDP drops it. Multicast is not modelled.</li>
 * <li><b>Names</b>: {@code localhost}, literal addresses, and those {@link #addHost} adds.</li>
 * <li><b>Files</b>: a tree of directories and files of growing byte arrays, with the temporary
 *     directory at {@link #tempRoot()}; syncing does nothing; a rename is atomic.</li>
 * </ul>
 *
 * <p>Thread-safe. Every operation runs on the strand that asks for it, under the lock of the pipe,
 * listener, socket or file it touches, and wakes the ops it unblocks.
 */
public final class MemoryWorld implements IoDriverFactory {

    private static final Path TEMP_ROOT = Path.of("/tmp");

    final Network network = new Network();
    final FileTree files = new FileTree();
    /** Draws the numbers of temporary files' names; under the file tree's monitor. */
    final SplittableRandom tempNames = new SplittableRandom(0);
    private final AtomicInteger open = new AtomicInteger();

    private MemoryWorld() {
        try {
            files.createDirectory(TEMP_ROOT);
        } catch (Failed impossible) {
            throw new AssertionError("a new tree has room for " + TEMP_ROOT, impossible);
        }
    }

    /** A new, empty world: a root directory holding {@link #tempRoot()}, no sockets, {@code localhost} alone. */
    public static MemoryWorld create() {
        return new MemoryWorld();
    }

    /** A driver over this world, for one {@code Io}. It holds nothing to close. */
    @Override
    public IoDriver create(Backend backend) {
        return new MemoryDriver(this);
    }

    /**
     * Makes {@code name} resolve to {@code addresses} (in that order), for tests of lookups and of
     * connects by name. A name added again is replaced.
     *
     * @return this world
     * @throws IllegalArgumentException if no address is given
     */
    public MemoryWorld addHost(String name, InetAddress... addresses) {
        Objects.requireNonNull(name, "name is null; pass the host name to add");
        Objects.requireNonNull(addresses, "addresses is null; pass the addresses the name resolves to");
        if (addresses.length == 0) {
            throw new IllegalArgumentException("no address for '" + name + "'; pass at least one");
        }
        network.addHost(name, List.of(addresses));
        return this;
    }

    /** The directory temporary files and directories are made in: {@code /tmp} of this world. */
    public Path tempRoot() {
        return TEMP_ROOT;
    }

    /** How many handles of this world are open, over every {@code Io} that uses it. */
    public int openHandles() {
        return open.get();
    }

    void counted(int delta) {
        open.addAndGet(delta);
    }

    @Override
    public String toString() {
        return "MemoryWorld[" + open.get() + " open handles]";
    }
}
