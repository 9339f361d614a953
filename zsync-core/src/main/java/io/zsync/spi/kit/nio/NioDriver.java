package io.zsync.spi.kit.nio;

import io.zsync.spi.ChannelHandles;
import io.zsync.spi.ChannelReadiness;
import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Op;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O driver on {@code java.nio}: sockets are non-blocking channels told ready by a
 * {@link ChannelReadiness} (a selector thread for the thread backends, the loops' selectors for
 * {@code evented}); files, directories and name lookups are JDK calls run where they block no
 * other strand ({@link NioFiles}).
 *
 * <h2>Sockets: a readiness driver behind a completion contract</h2>
 * The syscall runs only in {@link #start} and {@link #poll}, on the strand that drives the op:
 * a non-blocking try; when it would block, a watch whose readiness {@linkplain Op#wake() wakes}
 * the op, and {@code poll} tries again. So a canceled socket op has, by construction, not made its
 * syscall: {@link #cancel} stops the watch and wakes the op, and {@code poll} answers
 * {@link Op#CANCELED} without touching the channel (a half-made connection is closed). That is
 * the exact cancellation of the SPI, with no raced results for sockets.
 */
public final class NioDriver implements IoDriver, ChannelHandles {

    private final ChannelReadiness readiness;
    private final NioFiles files;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * A driver over {@code readiness}.
     *
     * @param inlinePathCalls whether path operations (open, stat, list, rename, ...) may run on the
     *                        calling strand's own thread: {@code true} for backends that give each
     *                        strand a thread, {@code false} where strands share threads (event
     *                        loops); file-channel calls always run on the driver's file threads
     */
    public NioDriver(ChannelReadiness readiness, boolean inlinePathCalls) {
        this.readiness = readiness;
        this.files = new NioFiles(this, inlinePathCalls);
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public <T> T extension(Class<T> type) {
        if (type == ChannelReadiness.class) {
            return type.cast(readiness);
        }
        return type == ChannelHandles.class ? type.cast(this) : null;
    }

    @Override
    public Handle borrow(FileChannel file) {
        return new NioHandle(Handle.Kind.FILE, file, null);
    }

    // ---- operations ------------------------------------------------------------------------------

    @Override
    public int start(Op op) {
        return switch (op.kind()) {
            case STREAM_READ, STREAM_WRITE, STREAM_ACCEPT, DATAGRAM_SEND, DATAGRAM_RECEIVE, TRANSFER -> attempt(op);
            case STREAM_CONNECT -> startConnect(op);
            case STREAM_LISTEN -> immediate(op, this::listen);
            case STREAM_SHUTDOWN -> immediate(op, this::shutdown);
            case DATAGRAM_OPEN -> immediate(op, this::openDatagram);
            case DATAGRAM_CONNECT -> immediate(op, o -> datagram(o).connect((SocketAddress) o.subject()));
            case MEMBERSHIP_JOIN -> immediate(op, o -> o.done(datagram(o).join((InetAddress) o.subject(),
                    (NetworkInterface) o.argument()), 0));
            case MEMBERSHIP_LEAVE -> immediate(op, o -> ((MembershipKey) o.argument()).drop());
            case LOOKUP, FILE_OPEN, FILE_READ, FILE_WRITE, FILE_SYNC, FILE_TRUNCATE, FILE_SIZE, PATH_STAT, DIR_LIST,
                    DIR_CREATE, PATH_RENAME, PATH_DELETE, TEMP_CREATE -> files.start(op);
        };
    }

    @Override
    public int poll(Op op) {
        if (op.driverState() instanceof SocketWait wait) {
            if (wait.canceled) {
                if (op.kind() == Op.Kind.STREAM_CONNECT) {
                    closeQuietly(wait.connecting);
                }
                return Op.CANCELED;
            }
            return op.kind() == Op.Kind.STREAM_CONNECT ? finishConnect(op, wait.connecting) : attempt(op);
        }
        return files.poll(op);
    }

    @Override
    public void cancel(Op op) {
        if (op.driverState() instanceof SocketWait wait) {
            wait.watch.cancel();
            wait.canceled = true;
            op.wake();
        } else {
            files.cancel(op);
        }
    }

    /** An operation the system does at once, without waiting. */
    private interface Immediate {
        void run(Op op) throws IOException;
    }

    private static int immediate(Op op, Immediate call) {
        try {
            call.run(op);
        } catch (IOException | RuntimeException e) {
            NioErrors.fail(op, e);
        }
        return Op.DONE;
    }

    /**
     * One non-blocking try of a socket op: {@code DONE} if it moved something (or failed), else a
     * watch for the readiness it needs and {@code PENDING} ({@code WOULD_BLOCK} if try-only).
     */
    private int attempt(Op op) {
        NioHandle handle = (NioHandle) op.handle();
        int interest;
        try {
            interest = switch (op.kind()) {
                case STREAM_READ -> done(op, read((SocketChannel) handle.channel, op.buffers()), op.buffers())
                        ? 0 : SelectionKey.OP_READ;
                case STREAM_WRITE -> done(op, write((SocketChannel) handle.channel, op.buffers()), op.buffers())
                        ? 0 : SelectionKey.OP_WRITE;
                case STREAM_ACCEPT -> accept(op, (ServerSocketChannel) handle.channel) ? 0 : SelectionKey.OP_ACCEPT;
                case DATAGRAM_RECEIVE -> receive(op, (DatagramChannel) handle.channel) ? 0 : SelectionKey.OP_READ;
                case DATAGRAM_SEND -> send(op, (DatagramChannel) handle.channel) ? 0 : SelectionKey.OP_WRITE;
                case TRANSFER -> transfer(op) ? 0 : SelectionKey.OP_WRITE;
                default -> throw new IllegalStateException("not a socket operation: " + op);
            };
        } catch (IOException | RuntimeException e) {
            NioErrors.fail(op, e);
            return Op.DONE;
        }
        if (interest == 0) {
            return Op.DONE;
        }
        if (op.tryOnly()) {
            return Op.WOULD_BLOCK;
        }
        NioHandle target = op.kind() == Op.Kind.TRANSFER ? (NioHandle) op.argument() : handle;
        return await(op, target.selectable(), interest, null);
    }

    /** Watches {@code channel} for {@code interest} on behalf of {@code op}. */
    private int await(Op op, SelectableChannel channel, int interest, SocketChannel connecting) {
        try {
            SocketWait wait = new SocketWait(connecting);
            wait.watch = readiness.watch(channel, interest, op::wake);
            op.driverState(wait);
            return Op.PENDING;
        } catch (IOException | RuntimeException e) {
            NioErrors.fail(op, e);
            op.driverState(null);
            if (connecting != null) {
                closeQuietly(connecting);
            }
            return Op.DONE;
        }
    }

    /** The watch a pending socket op waits on; the driver's state of the op while it is in flight. */
    private static final class SocketWait {
        final SocketChannel connecting;
        ChannelReadiness.Watch watch;
        boolean canceled;

        SocketWait(SocketChannel connecting) {
            this.connecting = connecting;
        }
    }

    private static long read(SocketChannel channel, ByteBuffer[] dsts) throws IOException {
        return dsts.length == 1 ? channel.read(dsts[0]) : channel.read(dsts);
    }

    private static long write(SocketChannel channel, ByteBuffer[] srcs) throws IOException {
        return srcs.length == 1 ? channel.write(srcs[0]) : channel.write(srcs);
    }

    /** Records {@code n} if the op is over: something moved, end of stream, or no room at all. */
    private static boolean done(Op op, long n, ByteBuffer[] buffers) {
        if (n != 0 || !hasRemaining(buffers)) {
            op.done(n);
            return true;
        }
        return false;
    }

    private boolean accept(Op op, ServerSocketChannel listener) throws IOException {
        SocketChannel accepted = listener.accept();
        if (accepted == null) {
            return false;
        }
        try {
            accepted.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            accepted.close();
            throw e;
        }
        op.done(opened(new NioHandle(Handle.Kind.STREAM, accepted, null)), 0);
        return true;
    }

    private static boolean receive(Op op, DatagramChannel channel) throws IOException {
        ByteBuffer dst = op.buffers()[0];
        int before = dst.position();
        if (op.flag()) {
            int n = channel.read(dst);
            if (n == 0 && dst.hasRemaining()) {
                return false;
            }
            op.done(channel.getRemoteAddress(), n);
            return true;
        }
        SocketAddress sender = channel.receive(dst);
        if (sender == null) {
            return false;
        }
        op.done(sender, dst.position() - before);
        return true;
    }

    private static boolean send(Op op, DatagramChannel channel) throws IOException {
        ByteBuffer src = op.buffers()[0];
        SocketAddress target = (SocketAddress) op.subject();
        int n = target == null ? channel.write(src) : channel.send(src, target);
        if (n == 0 && src.hasRemaining()) {
            return false;
        }
        op.done(n);
        return true;
    }

    private static boolean transfer(Op op) throws IOException {
        FileChannel file = (FileChannel) ((NioHandle) op.handle()).channel;
        SocketChannel socket = (SocketChannel) ((NioHandle) op.argument()).channel;
        long moved = file.transferTo(op.position(), op.count(), socket);
        if (moved == 0 && op.position() < file.size()) {
            return false;
        }
        op.done(moved);
        return true;
    }

    private int startConnect(Op op) {
        SocketAddress remote = (SocketAddress) op.subject();
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(familyOf(remote));
            channel.configureBlocking(false);
            if (channel.connect(remote)) {
                op.done(opened(new NioHandle(Handle.Kind.STREAM, channel, null)), 0);
                return Op.DONE;
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            NioErrors.fail(op, e);
            return Op.DONE;
        }
        return await(op, channel, SelectionKey.OP_CONNECT, channel);
    }

    private int finishConnect(Op op, SocketChannel channel) {
        try {
            if (!channel.finishConnect()) {
                return await(op, channel, SelectionKey.OP_CONNECT, channel);
            }
            op.done(opened(new NioHandle(Handle.Kind.STREAM, channel, null)), 0);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            NioErrors.fail(op, e);
        }
        op.driverState(null);
        return Op.DONE;
    }

    private void listen(Op op) throws IOException {
        SocketAddress local = (SocketAddress) op.subject();
        ServerSocketChannel channel = ServerSocketChannel.open(familyOf(local));
        boolean bound = false;
        try {
            if (!(local instanceof UnixDomainSocketAddress)) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            channel.bind(local, (int) op.count());
            channel.configureBlocking(false);
            bound = true;
            op.done(opened(new NioHandle(Handle.Kind.LISTENER, channel,
                    local instanceof UnixDomainSocketAddress unix ? unix : null)), 0);
        } finally {
            if (!bound) {
                channel.close();
            }
        }
    }

    private void openDatagram(Op op) throws IOException {
        InetSocketAddress local = (InetSocketAddress) op.subject();
        DatagramChannel channel = DatagramChannel.open(familyOf(local));
        boolean bound = false;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(local);
            channel.configureBlocking(false);
            bound = true;
            op.done(opened(new NioHandle(Handle.Kind.DATAGRAM, channel, null)), 0);
        } finally {
            if (!bound) {
                channel.close();
            }
        }
    }

    private void shutdown(Op op) throws IOException {
        SocketChannel channel = (SocketChannel) ((NioHandle) op.handle()).channel;
        if (op.count() == Op.SHUTDOWN_INPUT) {
            channel.shutdownInput();
        } else {
            channel.shutdownOutput();
        }
    }

    private static DatagramChannel datagram(Op op) {
        return (DatagramChannel) ((NioHandle) op.handle()).channel;
    }

    // ---- handles -----------------------------------------------------------------------------------

    /** Counts a handle this driver made as open. */
    NioHandle opened(NioHandle handle) {
        open.incrementAndGet();
        return handle;
    }

    @Override
    public void close(Handle handle) throws IOException {
        NioHandle nio = (NioHandle) handle;
        if (!nio.channel.isOpen()) {
            return;
        }
        try {
            if (nio.channel instanceof SelectableChannel selectable) {
                readiness.close(selectable);
            } else {
                nio.channel.close();
            }
        } finally {
            if (!nio.channel.isOpen() && nio.closedOnce()) {
                open.decrementAndGet();
                if (nio.socketFile != null) {
                    Files.deleteIfExists(nio.socketFile.getPath());
                }
            }
        }
    }

    @Override
    public boolean isOpen(Handle handle) {
        return ((NioHandle) handle).channel.isOpen();
    }

    @Override
    public <T> void setOption(Handle handle, SocketOption<T> option, T value) throws IOException {
        ((NetworkChannel) ((NioHandle) handle).channel).setOption(option, value);
    }

    @Override
    public <T> T getOption(Handle handle, SocketOption<T> option) throws IOException {
        return ((NetworkChannel) ((NioHandle) handle).channel).getOption(option);
    }

    @Override
    public SocketAddress localAddress(Handle handle) throws IOException {
        return ((NetworkChannel) ((NioHandle) handle).channel).getLocalAddress();
    }

    @Override
    public SocketAddress remoteAddress(Handle handle) throws IOException {
        return switch (((NioHandle) handle).channel) {
            case SocketChannel socket -> socket.getRemoteAddress();
            case DatagramChannel datagram -> datagram.getRemoteAddress();
            default -> null;
        };
    }

    @Override
    public int openHandles() {
        return open.get();
    }

    /** The file calls and lookups handed to threads and not ended yet. */
    @Override
    public int externalPending() {
        return files.inFlight();
    }

    /** Wraps a file channel the driver opened. */
    NioHandle fileHandle(FileChannel channel) {
        return opened(new NioHandle(Handle.Kind.FILE, channel, null));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
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

    /** Closes a half-made connection through the readiness, which may hold a watch of it. */
    private void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                readiness.close(channel);
            } catch (IOException ignored) {
                // A half-made socket nobody will see: nothing to report it to.
            }
        }
    }
}
