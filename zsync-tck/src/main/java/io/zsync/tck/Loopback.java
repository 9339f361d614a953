package io.zsync.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.Io;
import io.zsync.nio.NioChannels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * Plain JDK sockets on loopback for the network cases: peers that run on a platform thread of
 * their own (so they work beside a backend without concurrency), and the helpers the cases share.
 */
final class Loopback {

    private Loopback() {}

    /** What a peer does with its end of one accepted connection. */
    @FunctionalInterface
    interface Handler {
        void handle(Socket socket) throws Exception;
    }

    /**
     * A plain server on {@code address} (port 0) that accepts one connection on a platform thread
     * of {@code threads} and hands it to {@code handler}; returns the address to connect to.
     */
    static InetSocketAddress serveOnce(Threads threads, InetAddress address, Handler handler) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, address);
        threads.start(() -> {
            try (server; Socket socket = server.accept()) {
                handler.handle(socket);
            }
        });
        return new InetSocketAddress(address, server.getLocalPort());
    }

    /** Echoes every byte back until end of stream, then shuts its output down. */
    static void echo(Socket socket) throws IOException {
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
