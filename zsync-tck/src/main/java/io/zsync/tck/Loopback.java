package io.zsync.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.Io;
import io.zsync.coroutine.NeverSuspends;
import io.zsync.coroutine.Suspendable;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import io.zsync.nio.NioChannels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Peers on loopback for the network cases, which run on a platform thread of their own (so they
 * work beside a backend without concurrency), and the helpers the cases share. Where the
 * {@code Io}'s driver has a kernel (NIO), a peer is a plain JDK socket, so that zsync is checked
 * against the system's own sockets; on another driver (the in-memory one) it is a zsync
 * connection of the same {@code Io}, used as blocking streams from that thread.
 */
final class Loopback {

    private Loopback() {}

    /** What a peer does with its end of one accepted connection, on a plain thread of its own. */
    @FunctionalInterface
    interface Handler {
        @NeverSuspends
        void handle(Peer peer) throws Exception;
    }

    /** The far end of a connection, as blocking streams: a JDK socket, or a zsync connection. */
    interface Peer extends AutoCloseable {
        InputStream getInputStream() throws IOException;

        OutputStream getOutputStream() throws IOException;

        void shutdownOutput() throws IOException;

        void setTcpNoDelay(boolean on) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Whether {@code io}'s I/O goes through the kernel's sockets and files (its driver is NIO). */
    static boolean hasKernel(Io io) throws IOException {
        try {
            NioChannels.of(io);
            return true;
        } catch (UnsupportedOperationException notNio) {
            return false;
        }
    }

    /**
     * A server on {@code address} (port 0) that accepts one connection on a platform thread of
     * {@code threads} and hands it to {@code handler}; returns the address to connect to. A plain
     * {@code ServerSocket} where {@code io} has a kernel, else a zsync listener of {@code io}.
     */
    static InetSocketAddress serveOnce(Threads threads, Io io, InetAddress address, Handler handler) throws IOException {
        if (hasKernel(io)) {
            ServerSocket server = new ServerSocket(0, 1, address);
            threads.start(() -> {
                try (server; Socket socket = server.accept()) {
                    handler.handle(peerOf(socket));
                }
            });
            return new InetSocketAddress(address, server.getLocalPort());
        }
        Listener listener = io.net().listen(new InetSocketAddress(address, 0), 1);
        threads.start(() -> {
            try (listener; Connection connection = listener.accept()) {
                handler.handle(peerOf(connection));
            }
        });
        return (InetSocketAddress) listener.localAddress();
    }

    /** A connection made by {@code io} and its peer, as {@link #serveOnce} picks it; both closed afterwards. */
    static void withConnectedPair(Io io, PairBody body) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (hasKernel(io)) {
            try (ServerSocket server = new ServerSocket(0, 1, loopback);
                    Connection c = io.net().connect(server.getLocalSocketAddress());
                    Peer peer = peerOf(server.accept())) {
                body.run(c, peer);
            }
            return;
        }
        try (Listener listener = io.net().listen(new InetSocketAddress(loopback, 0), 1);
                Connection c = io.net().connect(listener.localAddress());
                Peer peer = peerOf(listener.accept())) {
            body.run(c, peer);
        }
    }

    /** What a case does with a connection and its peer. */
    @FunctionalInterface
    interface PairBody {
        @Suspendable
        void run(Connection c, Peer peer) throws Exception;
    }

    static Peer peerOf(Socket socket) {
        return new Peer() {
            @Override
            public InputStream getInputStream() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void shutdownOutput() throws IOException {
                socket.shutdownOutput();
            }

            @Override
            public void setTcpNoDelay(boolean on) throws IOException {
                socket.setTcpNoDelay(on);
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    /** A zsync connection as blocking streams, for a plain thread. */
    static Peer peerOf(Connection connection) {
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : connection.read(ByteBuffer.wrap(b, off, len));
            }
        };
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                connection.write(ByteBuffer.wrap(b, off, len));
            }
        };
        return new Peer() {
            @Override
            public InputStream getInputStream() {
                return in;
            }

            @Override
            public OutputStream getOutputStream() {
                return out;
            }

            @Override
            public void shutdownOutput() throws IOException {
                connection.shutdownOutput();
            }

            @Override
            public void setTcpNoDelay(boolean on) throws IOException {
                connection.setOption(StandardSocketOptions.TCP_NODELAY, on);
            }

            @Override
            public void close() throws IOException {
                connection.close();
            }
        };
    }

    /** Echoes every byte back until end of stream, then shuts its output down. */
    static void echo(Peer socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
        socket.shutdownOutput();
    }

    /** Reads to the end of stream and sets {@code digest} to the SHA-256 of what it read, in hex. */
    static Handler digestInto(AtomicReference<String> digest) {
        return socket -> {
            MessageDigest seen = sha256();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                seen.update(buffer, 0, n);
            }
            digest.set(hex(seen));
        };
    }

    /** {@code size} bytes from a generator seeded with {@code seed}. */
    static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Makes sure {@code io}'s poller is running, so that its own descriptors, opened on first
     * use, do not count as left open by what a case then measures.
     */
    static void startPoller(Io io) throws IOException {
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            NioChannels.of(io).awaitReady(pipe.source(), SelectionKey.OP_READ, Duration.ZERO);
        } finally {
            NioChannels.of(io).close(pipe.source());
            pipe.sink().close();
        }
    }

    /** The number of file descriptors this process has open; the case is skipped where that cannot be told. */
    static long openDescriptors() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "this system does not list a process's descriptors in /proc/self/fd");
        try (var list = Files.list(fds)) {
            return list.count();
        }
    }

    /** The IPv6 loopback address; the case is skipped where IPv6 is not available. */
    static InetAddress ipv6Loopback() throws IOException {
        InetAddress loopback = InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            return loopback;
        } catch (IOException e) {
            assumeTrue(false, "IPv6 loopback is not available here: " + e.getMessage());
            throw e;
        }
    }
}
