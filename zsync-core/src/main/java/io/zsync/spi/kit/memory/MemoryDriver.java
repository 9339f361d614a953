package io.zsync.spi.kit.memory;

import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O driver of one {@code Io} over a {@link MemoryWorld}: made by the world, as an
 * {@link io.zsync.spi.IoDriverFactory}.
 *
 * <h2>How an op runs</h2>
 * It has no threads. {@link #start} and {@link #poll} do the operation on the calling strand,
 * under the lock of the pipe, listener, socket or file: copy the bytes, queue the connection,
 * record the outcome ({@link Op#DONE}); or, when the operation has to wait for the other side,
 * queue the op there ({@link Op#PENDING}). The other side's next change (bytes written, room made,
 * a connection queued, a close) takes the op out of its queue and {@linkplain Op#wake() wakes}
 * it, and its {@code poll} tries again. So it is a readiness driver inside: the bytes move only in
 * the op's own {@code start} or {@code poll}.
 *
 * <h2>Exact cancellation, by construction</h2>
 * {@link #cancel} takes the op out of its queue under the same lock. A queued op has copied
 * nothing, taken no connection, no datagram; so a canceled one took no effect, and its
 * {@code poll} answers {@link Op#CANCELED}. An op that was woken but not yet polled is canceled
 * as well, before it copied anything, and hands its wake-up on to the next op in its queue. Only
 * a {@linkplain #close close} can settle a queued op otherwise: failed with
 * {@link IoError#CLOSED}, {@code DONE}, never both.
 *
 * <p>{@link Op.Kind#TRANSFER} answers {@link IoError#UNSUPPORTED} (the core then copies), as do
 * the multicast operations.
 */
public final class MemoryDriver implements IoDriver {

    /** The largest datagram UDP over IPv4 carries. */
    private static final int MAX_DATAGRAM = 65_507;

    private final MemoryWorld world;
    private final AtomicInteger open = new AtomicInteger();

    MemoryDriver(MemoryWorld world) {
        this.world = world;
    }

    /** The world this driver's handles live in. */
    public MemoryWorld world() {
        return world;
    }

    @Override
    public String name() {
        return "memory";
    }

    // ---- the op contract -------------------------------------------------------------------------

    @Override
    public int start(Op op) {
        return run(op, op.tryOnly());
    }

    @Override
    public int poll(Op op) {
        if (op.driverState() instanceof Wait wait) {
            synchronized (wait.queue.lock) {
                if (wait.settled) {
                    return Op.DONE;
                }
                if (wait.canceled) {
                    return Op.CANCELED;
                }
                if (wait.queued) {
                    return Op.PENDING;
                }
            }
        }
        return run(op, false);
    }

    @Override
    public void cancel(Op op) {
        List<Op> woken = new ArrayList<>(1);
        if (op.driverState() instanceof Wait wait) {
            synchronized (wait.queue.lock) {
                if (!wait.settled && !wait.canceled) {
                    wait.canceled = true;
                    if (wait.queued) {
                        wait.queued = false;
                        wait.queue.remove(op);
                    } else {
                        // Woken for a change it will not take now: the next op in the queue may.
                        wait.queue.takeFirst(woken);
                    }
                }
            }
        }
        woken.add(op);
        wake(woken);
    }

    /** Does what {@code op} can now; {@code decline}: return {@link Op#WOULD_BLOCK} rather than queue it. */
    private int run(Op op, boolean decline) {
        List<Op> woken = new ArrayList<>(2);
        int state;
        try {
            state = dispatch(op, decline, woken);
        } catch (Failed failure) {
            failure.record(op);
            state = Op.DONE;
        }
        wake(woken);
        return state;
    }

    private int dispatch(Op op, boolean decline, List<Op> woken) throws Failed {
        if (op.handle() instanceof MemHandle handle && handle.isClosed()) {
            op.failed(IoError.CLOSED, null, null);
            return Op.DONE;
        }
        switch (op.kind()) {
            case STREAM_READ:
                return ((StreamEnd) op.handle()).in.read(op, decline, woken);
            case STREAM_WRITE:
                return ((StreamEnd) op.handle()).out.write(op, decline, woken);
            case STREAM_SHUTDOWN:
                shutdown(op, woken);
                break;
            case STREAM_CONNECT:
                return connect(op, woken);
            case STREAM_LISTEN:
                op.done(opened(world.network.listen((SocketAddress) op.subject(), (int) op.count())), 0);
                break;
            case STREAM_ACCEPT:
                return accept(op, decline, woken);
            case DATAGRAM_OPEN:
                op.done(opened(world.network.openDatagram((InetSocketAddress) op.subject())), 0);
                break;
            case DATAGRAM_SEND:
                send(op, woken);
                break;
            case DATAGRAM_RECEIVE:
                return receive(op, decline);
            case DATAGRAM_CONNECT:
                ((DatagramEnd) op.handle()).connect(Network.reachable((InetSocketAddress) op.subject()));
                op.done(0);
                break;
            case MEMBERSHIP_JOIN, MEMBERSHIP_LEAVE:
                op.failed(IoError.UNSUPPORTED, "the memory world has no multicast groups", null);
                break;
            case LOOKUP:
                op.done(world.network.lookup((String) op.subject()), 0);
                break;
            case TRANSFER:
                op.failed(IoError.UNSUPPORTED, "the memory driver copies file bytes through the heap", null);
                break;
            default:
                files(op);
        }
        return Op.DONE;
    }

    // ---- sockets -----------------------------------------------------------------------------------

    private static void shutdown(Op op, List<Op> woken) {
        StreamEnd end = (StreamEnd) op.handle();
        if (op.count() == Op.SHUTDOWN_INPUT) {
            end.in.shutReader(woken);
        } else {
            end.out.shutWriter(woken);
        }
        op.done(0);
    }

    private int connect(Op op, List<Op> woken) throws Failed {
        SocketAddress target = (SocketAddress) op.subject();
        ListenerEnd listener = world.network.listenerFor(target);
        SocketAddress server = target instanceof InetSocketAddress inet ? Network.reachable(inet) : target;
        int state = listener.connect(op, world.network.clientAddress(server), server, woken);
        if (state == Op.DONE && op.error() == null) {
            opened((MemHandle) op.value());
        }
        return state;
    }

    private int accept(Op op, boolean decline, List<Op> woken) {
        int state = ((ListenerEnd) op.handle()).accept(op, decline, woken);
        if (state == Op.DONE && op.error() == null) {
            opened((MemHandle) op.value());
        }
        return state;
    }

    private void send(Op op, List<Op> woken) throws Failed {
        DatagramEnd from = (DatagramEnd) op.handle();
        SocketAddress target = op.subject() != null ? (SocketAddress) op.subject() : from.peer();
        if (target == null) {
            op.failed(IoError.OTHER, "not connected", new NotYetConnectedException());
            return;
        }
        ByteBuffer src = op.buffers()[0];
        if (src.remaining() > MAX_DATAGRAM) {
            op.failed(IoError.OTHER, "Message too long", new IOException("Message too long: a datagram holds at most "
                    + MAX_DATAGRAM + " bytes, not " + src.remaining()));
            return;
        }
        DatagramEnd to = world.network.datagramFor(target);
        byte[] datagram = new byte[src.remaining()];
        src.get(datagram);
        if (to != null) {
            to.deliver(datagram, from.sender, woken);
        }
        op.done(datagram.length);
    }

    private static int receive(Op op, boolean decline) {
        DatagramEnd socket = (DatagramEnd) op.handle();
        if (op.flag() && socket.peer() == null) {
            op.failed(IoError.OTHER, "not connected", new NotYetConnectedException());
            return Op.DONE;
        }
        return socket.receive(op, decline);
    }

    // ---- files -------------------------------------------------------------------------------------

    private void files(Op op) throws Failed {
        FileTree tree = world.files;
        switch (op.kind()) {
            case FILE_OPEN -> open(op);
            case FILE_READ -> {
                FileEnd file = (FileEnd) op.handle();
                if (!file.readable) {
                    op.failed(IoError.OTHER, "not open for reading", new NonReadableChannelException());
                    return;
                }
                op.done(file.data.read(op.buffers(), op.position()));
            }
            case FILE_WRITE -> {
                FileEnd file = (FileEnd) op.handle();
                if (!file.writable) {
                    op.failed(IoError.OTHER, "not open for writing", new NonWritableChannelException());
                    return;
                }
                op.done(file.data.write(op.buffers(), file.append ? -1 : op.position()));
            }
            case FILE_SYNC -> op.done(0);
            case FILE_TRUNCATE -> {
                FileEnd file = (FileEnd) op.handle();
                if (!file.writable) {
                    op.failed(IoError.OTHER, "not open for writing", new NonWritableChannelException());
                    return;
                }
                file.data.truncate(op.count());
                op.done(0);
            }
            case FILE_SIZE -> op.done(((FileEnd) op.handle()).data.size());
            case PATH_STAT -> op.done(tree.stat((Path) op.subject()), 0);
            case DIR_LIST -> op.done(tree.list((Path) op.subject()), 0);
            case DIR_CREATE -> {
                tree.createDirectory((Path) op.subject());
                op.done(0);
            }
            case PATH_RENAME -> {
                tree.rename((Path) op.subject(), (Path) op.argument());
                op.done(0);
            }
            case PATH_DELETE -> op.done(tree.delete((Path) op.subject(), op.flag()) ? 1 : 0);
            case TEMP_CREATE -> {
                String[] names = (String[]) op.argument();
                op.done(tree.createTemp(world.tempRoot(), names[0], names[1], op.flag(), world.tempNames), 0);
            }
            default -> throw new IllegalStateException("not an operation of the memory driver: " + op);
        }
    }

    /** {@code FILE_OPEN} with {@code FileChannel.open}'s rules for the standard options; others are ignored. */
    private void open(Op op) throws Failed {
        Set<?> options = (Set<?>) op.argument();
        boolean append = options.contains(StandardOpenOption.APPEND);
        boolean write = append || options.contains(StandardOpenOption.WRITE);
        boolean read = options.contains(StandardOpenOption.READ) || !write;
        if (read && append) {
            op.failed(IoError.OTHER, null, new IllegalArgumentException("READ + APPEND not allowed"));
            return;
        }
        if (append && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            op.failed(IoError.OTHER, null, new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed"));
            return;
        }
        Path path = (Path) op.subject();
        FileTree.Data data = world.files.open(path, write && options.contains(StandardOpenOption.CREATE),
                write && options.contains(StandardOpenOption.CREATE_NEW),
                write && options.contains(StandardOpenOption.TRUNCATE_EXISTING));
        boolean deleteOnClose = options.contains(StandardOpenOption.DELETE_ON_CLOSE);
        op.done(opened(new FileEnd(data, path, read, write, append, deleteOnClose ? world.files : null)), 0);
    }

    // ---- handles -----------------------------------------------------------------------------------

    private MemHandle opened(MemHandle handle) {
        handle.ownedBy(this);
        return handle;
    }

    /** A handle of this driver opened ({@code +1}) or closed ({@code -1}). */
    void counted(int delta) {
        open.addAndGet(delta);
        world.counted(delta);
    }

    @Override
    public void close(Handle handle) {
        MemHandle closing = (MemHandle) handle;
        if (closing.markClosed()) {
            List<Op> woken = new ArrayList<>(4);
            closing.release(woken);
            wake(woken);
        }
    }

    @Override
    public boolean isOpen(Handle handle) {
        return !((MemHandle) handle).isClosed();
    }

    @Override
    public <T> void setOption(Handle handle, SocketOption<T> option, T value) throws IOException {
        open(handle).setOption(option, value);
    }

    @Override
    public <T> T getOption(Handle handle, SocketOption<T> option) throws IOException {
        return open(handle).getOption(option);
    }

    @Override
    public SocketAddress localAddress(Handle handle) throws IOException {
        return switch (open(handle)) {
            case StreamEnd stream -> stream.local;
            case ListenerEnd listener -> listener.address;
            case DatagramEnd datagram -> datagram.local;
            default -> throw new UnsupportedOperationException("a file has no socket address");
        };
    }

    @Override
    public SocketAddress remoteAddress(Handle handle) throws IOException {
        return switch (open(handle)) {
            case StreamEnd stream -> stream.remote;
            case DatagramEnd datagram -> datagram.peer();
            default -> null;
        };
    }

    @Override
    public int openHandles() {
        return open.get();
    }

    private static MemHandle open(Handle handle) throws ClosedChannelException {
        MemHandle memory = (MemHandle) handle;
        if (memory.isClosed()) {
            throw new ClosedChannelException();
        }
        return memory;
    }

    private static void wake(List<Op> woken) {
        for (Op op : woken) {
            op.wake();
        }
    }

    @Override
    public String toString() {
        return "MemoryDriver[" + open.get() + " open, " + world + "]";
    }
}
