package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static io.zsync.tck.Loopback.withConnectedPair;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.io.Reader;
import io.zsync.io.StreamTooLongException;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import io.zsync.net.Membership;
import io.zsync.net.UdpSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sockets: TCP, Unix-domain, UDP and DNS on loopback; cancellation that loses no byte and leaves
 * the socket usable; clear errors; no descriptor left open. Peers are plain JDK sockets on
 * platform threads, so that most cases run on a backend without concurrency too.
 */
final class NetCases {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int ECHO_BYTES = 64 << 20;
    private static final int CANCEL_POINTS = 1_000;
    private static final long SENDFILE_BYTES = 256L << 20;

    private NetCases() {}

    static List<Case> cases() {
        String area = "net";
        return Case.io(List.of(
                Case.of(area, "tcp echo of 64 MiB through Writer and Reader: SHA-256 equal at both ends", io -> {
                    Threads threads = new Threads();
                    AtomicReference<String> peerDigest = new AtomicReference<>();
                    InetSocketAddress address = Loopback.serveOnce(threads, io, LOOPBACK, socket -> {
                        MessageDigest seen = Loopback.sha256();
                        InputStream in = socket.getInputStream();
                        byte[] buffer = new byte[64 * 1024];
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            seen.update(buffer, 0, n);
                            socket.getOutputStream().write(buffer, 0, n);
                        }
                        peerDigest.set(Loopback.hex(seen));
                        socket.shutdownOutput();
                    });
                    MessageDigest sent = Loopback.sha256();
                    MessageDigest received = Loopback.sha256();
                    SplittableRandom random = new SplittableRandom(64);
                    try (Connection c = io.net().connect(address)) {
                        Writer out = c.writer();
                        Reader in = c.reader();
                        byte[] chunk = new byte[64 * 1024];
                        byte[] echoed = new byte[chunk.length];
                        for (int total = 0; total < ECHO_BYTES; ) {
                            int size = Math.min(1 + random.nextInt(chunk.length), ECHO_BYTES - total);
                            random.nextBytes(chunk);
                            sent.update(chunk, 0, size);
                            out.write(chunk, 0, size);
                            out.flush();
                            // Read the chunk's echo before sending more: a thread alone must not fill both directions.
                            in.readFully(echoed, 0, size);
                            received.update(echoed, 0, size);
                            total += size;
                        }
                        out.close();
                        assertEquals(-1, in.read(echoed), "end of stream after the peer shut its output");
                    }
                    threads.join(io);
                    String expected = Loopback.hex(sent);
                    assertEquals(expected, peerDigest.get(), "what the peer received");
                    assertEquals(expected, Loopback.hex(received), "what came back");
                }),
                Case.of(area, "tcp writer: 1,000 seeded cases of writes, splats and flushes arrive as the reference model says", io -> {
                    Threads threads = new Threads();
                    AtomicReference<String> peerDigest = new AtomicReference<>();
                    InetSocketAddress address = Loopback.serveOnce(threads, io, LOOPBACK, Loopback.digestInto(peerDigest));
                    MessageDigest expected = Loopback.sha256();
                    try (Connection c = io.net().connect(address)) {
                        // A small send buffer, so that drains write part of what they are given.
                        c.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
                        Writer out = c.writer();
                        SplittableRandom random = new SplittableRandom(1_000);
                        for (int round = 0; round < 1_000; round++) {
                            writeRandomly(out, random, expected);
                        }
                        out.close();
                    }
                    threads.join(io);
                    assertEquals(Loopback.hex(expected), peerDigest.get());
                }),
                Case.of(area, "tcp: sendFile of a 256 MiB file goes zero-copy and arrives with its SHA-256", io -> {
                    Path file = Files.createTempFile("zsync-tck-sendfile", ".bin");
                    try {
                        byte[] header = "header\n".getBytes(StandardCharsets.US_ASCII);
                        MessageDigest expected = Loopback.sha256();
                        expected.update(header);
                        try (var out = Files.newOutputStream(file)) {
                            SplittableRandom random = new SplittableRandom(256);
                            byte[] block = new byte[1 << 20];
                            for (int i = 0; i < SENDFILE_BYTES / block.length; i++) {
                                random.nextBytes(block);
                                expected.update(block);
                                out.write(block);
                            }
                        }
                        Threads threads = new Threads();
                        AtomicReference<String> peerDigest = new AtomicReference<>();
                        InetSocketAddress address = Loopback.serveOnce(threads, io, LOOPBACK, Loopback.digestInto(peerDigest));
                        try (Connection c = io.net().connect(address);
                                io.zsync.fs.File source = io.fs().open(file)) {
                            Writer out = c.writer();
                            out.write(header);
                            long sent = out.sendFile(source.reader(64 * 1024), Long.MAX_VALUE);
                            assertEquals(SENDFILE_BYTES, sent);
                            assertEquals(0, out.sendFileFallbacks(), "the file was copied through the heap");
                            out.close();
                        }
                        threads.join(io);
                        assertEquals(Loopback.hex(expected), peerDigest.get());
                    } finally {
                        Files.delete(file);
                    }
                }).kernelOnly("zero-copy sendFile is the kernel's; the memory driver answers TRANSFER unsupported, and the file is made with java.nio.file.Files"),
                Case.concurrent(area, "tcp: a zsync server echoes to a zsync client, writer and reader side by side", io -> {
                    byte[] data = Loopback.randomBytes(7, 4 << 20);
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0))) {
                        Future<Void, IOException> server = io.concurrent(() -> {
                            try (Connection c = listener.accept()) {
                                ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
                                while (c.read(buffer.clear()) >= 0) {
                                    c.write(buffer.flip());
                                }
                                c.shutdownOutput();
                            }
                        });
                        try (Connection c = io.net().connect(listener.localAddress())) {
                            Future<Void, IOException> writer = io.concurrent(() -> {
                                c.write(ByteBuffer.wrap(data));
                                c.shutdownOutput();
                            });
                            assertArrayEquals(data, readToEnd(c));
                            writer.await();
                        }
                        server.await();
                    }
                }),
                Case.of(area, "tcp: accept returns a plain client's connection and both directions work", io -> {
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0))) {
                        int port = ((InetSocketAddress) listener.localAddress()).getPort();
                        Threads threads = new Threads().start(() -> {
                            try (Socket s = new Socket(LOOPBACK, port)) {
                                s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                                assertEquals("pong", new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
                            }
                        });
                        try (Connection c = listener.accept()) {
                            assertEquals("ping", readExactly(c, 4));
                            c.write(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)));
                        }
                        threads.join(io);
                    }
                }).kernelOnly("its client is a plain JDK socket, to check zsync against the system's own"),
                Case.concurrent(area, "tcp: a canceled read consumes nothing and the next read gets every byte", io -> {
                    withConnectedPair(io, (c, peer) -> {
                        Future<Integer, IOException> reader = io.concurrent(() -> c.read(ByteBuffer.allocate(16)));
                        assertThrows(CanceledException.class, reader::cancel);
                        peer.getOutputStream().write("after".getBytes(StandardCharsets.US_ASCII));
                        assertEquals("after", readExactly(c, 5));
                        c.write(ByteBuffer.wrap(new byte[] {42}));
                        assertEquals(42, peer.getInputStream().read(), "the connection still works both ways");
                    });
                }),
                Case.of(area, "tcp: interrupting a plain thread waiting in read cancels the read, not the socket", io -> {
                    withConnectedPair(io, (c, peer) -> {
                        Thread me = Thread.currentThread();
                        Threads threads = new Threads().start(() -> {
                            Threads.awaitParked(me);
                            me.interrupt();
                        });
                        assertThrows(CanceledException.class, () -> c.read(ByteBuffer.allocate(16)));
                        assertTrue(Thread.interrupted(), "the interrupt status is kept");
                        threads.join(io);
                        peer.getOutputStream().write("still".getBytes(StandardCharsets.US_ASCII));
                        assertEquals("still", readExactly(c, 5));
                        assertTrue(c.isOpen());
                    });
                }).onThreadOnly("it interrupts the test thread, which runs no task; inside a task an interrupt requests the task's cancellation"),
                Case.of(area, "tcp: a read started with the thread's interrupt pending is canceled and leaves the socket open", io -> {
                    withConnectedPair(io, (c, peer) -> {
                        peer.getOutputStream().write("kept".getBytes(StandardCharsets.US_ASCII));
                        Thread.currentThread().interrupt();
                        assertThrows(CanceledException.class, () -> c.read(ByteBuffer.allocate(4)));
                        assertTrue(Thread.interrupted(), "a plain thread keeps its interrupt status");
                        assertEquals("kept", readExactly(c, 4), "the bytes that had arrived are all still there");
                    });
                }).onThreadOnly("it checks that a thread running no task keeps its interrupt status"),
                Case.concurrent(area, "tcp: an interrupt of a task's thread before a read cancels the task, not the socket", io -> {
                    withConnectedPair(io, (c, peer) -> {
                        peer.getOutputStream().write("kept".getBytes(StandardCharsets.US_ASCII));
                        Future<Integer, IOException> reader = io.concurrent(() -> {
                            Thread.currentThread().interrupt();
                            return c.read(ByteBuffer.allocate(4));
                        });
                        assertThrows(CanceledException.class, reader::await);
                        assertTrue(c.isOpen());
                        assertEquals("kept", readExactly(c, 4));
                    });
                }),
                Case.concurrent(area, "tcp: under 1,000 seeded random cancel points the bytes received equal the bytes sent", io -> {
                    byte[] data = Loopback.randomBytes(1000, 1 << 20);
                    ByteArrayOutputStream received = new ByteArrayOutputStream(data.length);
                    AtomicBoolean paced = new AtomicBoolean(true);
                    AtomicInteger rounds = new AtomicInteger();
                    withConnectedPair(io, (c, peer) -> {
                        // The peer sends chunk k only once the previous one has been received and reader
                        // k has been started: readers are often waiting, mid-transfer, when they are
                        // canceled, and the ~2,000 chunks outlast the 1,000 cancel points however the
                        // threads are scheduled.
                        Threads threads = new Threads().start(() -> {
                            SplittableRandom chunks = new SplittableRandom(17);
                            for (int off = 0, chunk = 0; off < data.length; chunk++) {
                                while (paced.get() && (received.size() < off || rounds.get() <= chunk)) {
                                    Thread.onSpinWait();
                                }
                                int size = Math.min(1 + chunks.nextInt(1024), data.length - off);
                                peer.getOutputStream().write(data, off, size);
                                off += size;
                            }
                            peer.shutdownOutput();
                        });
                        SplittableRandom when = new SplittableRandom(1000);
                        int canceledMidTransfer = 0;
                        boolean ended = false;
                        while (!ended && canceledMidTransfer < CANCEL_POINTS) {
                            Future<Boolean, IOException> reader = io.concurrent(() -> readInto(c, received));
                            rounds.incrementAndGet();
                            for (int spin = when.nextInt(3_000); spin > 0; spin--) {
                                Thread.onSpinWait();
                            }
                            try {
                                ended = reader.cancel();
                            } catch (CanceledException expected) {
                                canceledMidTransfer++;
                            }
                        }
                        paced.set(false);
                        if (!ended) {
                            readInto(c, received);
                        }
                        threads.join(io);
                        assertEquals(CANCEL_POINTS, canceledMidTransfer, "the transfer ended before every cancel point");
                    });
                    assertArrayEquals(data, received.toByteArray());
                }),
                Case.concurrent(area, "tcp: closing a connection a task waits on wakes the task, and the poller keeps serving", io -> {
                    for (int round = 0; round < 500; round++) {
                        withConnectedPair(io, (c, peer) -> {
                            Future<Integer, IOException> reader = io.concurrent(() -> c.read(ByteBuffer.allocate(8)));
                            c.close();
                            assertThrows(IOException.class, reader::await, "a read on a connection closed under it");
                        });
                    }
                    withConnectedPair(io, (c, peer) -> {
                        peer.getOutputStream().write(5);
                        assertEquals(5, readExactly(c, 1).charAt(0), "the poller still wakes readers");
                    });
                }),
                Case.concurrent(area, "tcp: a canceled accept takes no connection", io -> {
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0))) {
                        Future<Connection, IOException> accepting = io.concurrent(() -> listener.accept());
                        assertThrows(CanceledException.class, accepting::cancel);
                        try (Connection client = io.net().connect(listener.localAddress());
                                Connection accepted = listener.accept()) {
                            client.write(ByteBuffer.wrap(new byte[] {7}));
                            assertEquals(7, readExactly(accepted, 1).charAt(0));
                        }
                    }
                }),
                Case.of(area, "tcp: connecting to a closed port is a ConnectException naming the address, leaking no descriptor", io -> {
                    Loopback.startPoller(io);
                    InetSocketAddress closed = closedPort();
                    ConnectException first = assertThrows(ConnectException.class, () -> io.net().connect(closed));
                    assertTrue(first.getMessage().contains(String.valueOf(closed.getPort())), first.getMessage());
                    long before = Loopback.openDescriptors();
                    for (int i = 0; i < 20; i++) {
                        assertThrows(ConnectException.class, () -> io.net().connect(closed));
                    }
                    assertEquals(before, Loopback.openDescriptors(), "descriptors left open by failed connects");
                }).kernelOnly("it counts the process's open descriptors in /proc/self/fd"),
                Case.of(area, "misuse over a socket: read past end, over-long line, write after close; each a clear typed error, no descriptor left", io -> {
                    boolean kernel = Loopback.hasKernel(io);
                    if (kernel) {
                        Loopback.startPoller(io);
                    }
                    misuseOverASocket(io);
                    // Descriptors are the kernel's to count; on another driver the errors alone are checked.
                    long before = kernel ? Loopback.openDescriptors() : 0;
                    for (int round = 0; round < 5; round++) {
                        misuseOverASocket(io);
                    }
                    if (kernel) {
                        assertEquals(before, Loopback.openDescriptors(), "descriptors left open after the errors");
                    }
                }),
                Case.of(area, "tcp: reading or writing a closed connection is a ClosedChannelException", io -> {
                    withConnectedPair(io, (c, peer) -> {
                        c.close();
                        c.close();
                        assertFalse(c.isOpen());
                        assertThrows(ClosedChannelException.class, () -> c.read(ByteBuffer.allocate(1)));
                        assertThrows(ClosedChannelException.class, () -> c.write(ByteBuffer.allocate(1)));
                    });
                }),
                Case.of(area, "tcp over IPv6 loopback: bytes go both ways", io -> {
                    InetAddress v6 = Loopback.ipv6Loopback();
                    Threads threads = new Threads();
                    InetSocketAddress address = Loopback.serveOnce(threads, io, v6, Loopback::echo);
                    try (Connection c = io.net().connect(address)) {
                        c.write(ByteBuffer.wrap("six".getBytes(StandardCharsets.US_ASCII)));
                        c.shutdownOutput();
                        assertEquals("six", new String(readToEnd(c), StandardCharsets.US_ASCII));
                    }
                    threads.join(io);
                }).kernelOnly("it needs the system's IPv6 loopback, and its peer is a plain JDK socket"),
                Case.of(area, "unix: echo over a Unix domain socket, whose file is deleted on close", io -> {
                    Path dir = Files.createTempDirectory("zsync-tck-unix");
                    try {
                        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("echo.sock"));
                        try (Listener listener = io.net().listen(address)) {
                            assertTrue(Files.exists(address.getPath()));
                            Threads threads = new Threads().start(() -> {
                                try (var client = java.nio.channels.SocketChannel.open(address)) {
                                    client.write(ByteBuffer.wrap("unix".getBytes(StandardCharsets.US_ASCII)));
                                    client.shutdownOutput();
                                    ByteBuffer back = ByteBuffer.allocate(4);
                                    while (back.hasRemaining() && client.read(back) >= 0) {
                                        // until the echo is complete
                                    }
                                    assertEquals("unix", new String(back.array(), StandardCharsets.US_ASCII));
                                }
                            });
                            try (Connection c = listener.accept()) {
                                byte[] got = readToEnd(c);
                                c.write(ByteBuffer.wrap(got));
                            }
                            threads.join(io);
                        }
                        assertFalse(Files.exists(address.getPath()), "the socket file outlived its listener");
                    } finally {
                        Files.deleteIfExists(dir.resolve("echo.sock"));
                        Files.delete(dir);
                    }
                }).kernelOnly("it checks the socket's file on the disk, with a plain JDK client"),
                Case.of(area, "udp: a datagram sent to a bound socket arrives whole, with its sender", io -> {
                    try (UdpSocket a = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0));
                            UdpSocket b = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        a.send(ByteBuffer.wrap("datagram".getBytes(StandardCharsets.US_ASCII)), b.localAddress());
                        ByteBuffer got = ByteBuffer.allocate(64);
                        SocketAddress from = b.receive(got);
                        assertEquals(a.localAddress(), from);
                        assertEquals("datagram", new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII));
                    }
                }),
                Case.concurrent(area, "udp: a canceled receive takes no datagram", io -> {
                    try (UdpSocket a = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0));
                            UdpSocket b = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        Future<SocketAddress, IOException> receiving = io.concurrent(() -> b.receive(ByteBuffer.allocate(8)));
                        assertThrows(CanceledException.class, receiving::cancel);
                        a.send(ByteBuffer.wrap(new byte[] {9}), b.localAddress());
                        ByteBuffer got = ByteBuffer.allocate(8);
                        b.receive(got);
                        assertEquals(1, got.position());
                        assertEquals(9, got.get(0));
                    }
                }),
                Case.of(area, "udp multicast on loopback: joining receives the group's datagrams, leaving stops them", io -> {
                    NetworkInterface lo = NetworkInterface.getByInetAddress(LOOPBACK);
                    assumeTrue(lo != null && lo.supportsMulticast(),
                            "the loopback interface has multicast off (ip link set lo multicast on)");
                    InetAddress group = InetAddress.getByName("239.255.42.99");
                    try (UdpSocket receiver = io.net().openUdp(new InetSocketAddress(0));
                            UdpSocket sender = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo)
                                .setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                        int port = ((InetSocketAddress) receiver.localAddress()).getPort();
                        InetSocketAddress groupAddress = new InetSocketAddress(group, port);
                        Membership membership = receiver.join(group, lo);
                        sender.send(ByteBuffer.wrap("to the group".getBytes(StandardCharsets.US_ASCII)), groupAddress);
                        assertEquals("to the group", receiveText(receiver));
                        membership.drop();
                        sender.send(ByteBuffer.wrap("unheard".getBytes(StandardCharsets.US_ASCII)), groupAddress);
                        // A datagram sent straight to the receiver after the group's: if leaving had not
                        // worked, the group's would arrive first.
                        sender.send(ByteBuffer.wrap("direct".getBytes(StandardCharsets.US_ASCII)),
                                new InetSocketAddress(LOOPBACK, port));
                        assertEquals("direct", receiveText(receiver));
                    }
                }).kernelOnly("the memory driver has no multicast groups (MEMBERSHIP_JOIN is unsupported)"),
                Case.of(area, "udp broadcast on loopback reaches a socket bound to the port", io -> {
                    try (UdpSocket receiver = io.net().openUdp(new InetSocketAddress(0));
                            UdpSocket sender = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        sender.setOption(StandardSocketOptions.SO_BROADCAST, true);
                        assertTrue(sender.getOption(StandardSocketOptions.SO_BROADCAST));
                        int port = ((InetSocketAddress) receiver.localAddress()).getPort();
                        sender.send(ByteBuffer.wrap("to all".getBytes(StandardCharsets.US_ASCII)),
                                new InetSocketAddress(InetAddress.getByName("127.255.255.255"), port));
                        assertEquals("to all", receiveText(receiver));
                    }
                }).kernelOnly("it needs the system's broadcast address on the loopback interface"),
                Case.of(area, "dns: localhost resolves to a loopback address", io -> {
                    List<InetAddress> addresses = io.net().resolve("localhost");
                    assertFalse(addresses.isEmpty());
                    assertTrue(addresses.stream().allMatch(InetAddress::isLoopbackAddress), addresses::toString);
                }),
                Case.concurrent(area, "dns: a canceled lookup stops waiting at once, and later lookups work", io -> {
                    // InetAddress asks for its resolver on first use: make sure that has happened.
                    InetAddress.getByName("localhost");
                    assumeTrue(SlowLookups.isInstalled(), "no resolver in this JVM has names whose lookups wait");
                    SlowLookups.Gate gate = SlowLookups.arm();
                    Future<List<InetAddress>, IOException> lookup =
                            io.concurrent(() -> io.net().resolve(gate.host));
                    try {
                        io.blocking(() -> {
                            gate.entered.await(); // on a plain thread's latch: not on a loop thread
                            return null;
                        });
                        assertThrows(CanceledException.class, lookup::cancel);
                    } finally {
                        gate.release();
                    }
                    assertFalse(io.net().resolve("localhost").isEmpty());
                }).kernelOnly("its slow names come from the JVM's resolver, which the memory world does not ask"),
                Case.of(area, "tcp: connect resolves an unresolved address by name", io -> {
                    Threads threads = new Threads();
                    InetSocketAddress address = Loopback.serveOnce(threads, io, LOOPBACK, Loopback::echo);
                    try (Connection c = io.net().connect(InetSocketAddress.createUnresolved(
                            LOOPBACK.getHostAddress(), address.getPort()))) {
                        c.shutdownOutput();
                        assertEquals(0, readToEnd(c).length);
                    }
                    threads.join(io);
                }),
                Case.of(area, "net: sockets of every kind release their descriptors when closed", io -> {
                    Loopback.startPoller(io);
                    try (UdpSocket warmUp = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        warmUp.send(ByteBuffer.allocate(1), warmUp.localAddress());
                        warmUp.receive(ByteBuffer.allocate(1));
                    }
                    long before = Loopback.openDescriptors();
                    for (int round = 0; round < 10; round++) {
                        try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0));
                                Connection client = io.net().connect(listener.localAddress());
                                Connection accepted = listener.accept();
                                UdpSocket udp = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                            client.write(ByteBuffer.wrap(new byte[] {1}));
                            assertEquals(1, readExactly(accepted, 1).length());
                            udp.send(ByteBuffer.allocate(1), udp.localAddress());
                            udp.receive(ByteBuffer.allocate(1));
                        }
                    }
                    assertEquals(before, Loopback.openDescriptors(), "descriptors left open");
                }).kernelOnly("it counts the process's open descriptors in /proc/self/fd")));
    }

    /** Reads until end of stream and appends to {@code into}; returns {@code true} at end of stream. */
    private static boolean readInto(Connection c, ByteArrayOutputStream into) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(3000);
        while (true) {
            int n = c.read(buffer.clear());
            if (n < 0) {
                return true;
            }
            into.write(buffer.array(), 0, n);
        }
    }

    private static byte[] readToEnd(Connection c) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        readInto(c, all);
        return all.toByteArray();
    }

    private static String readExactly(Connection c, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            assertTrue(c.read(buffer) >= 0, "end of stream before " + size + " bytes");
        }
        return new String(buffer.array(), StandardCharsets.ISO_8859_1);
    }

    private static String receiveText(UdpSocket socket) throws IOException {
        ByteBuffer got = ByteBuffer.allocate(256);
        socket.receive(got);
        return new String(Arrays.copyOf(got.array(), got.position()), StandardCharsets.US_ASCII);
    }

    /** Each misuse of a socket's reader and writer fails with its own clear, typed error. */
    private static void misuseOverASocket(Io io) throws Exception {
        Threads threads = new Threads();
        byte[] longLine = new byte[300];
        Arrays.fill(longLine, (byte) 'x');
        InetSocketAddress address = Loopback.serveOnce(threads, io, LOOPBACK, socket -> {
            socket.getOutputStream().write(longLine);
            socket.getOutputStream().write('\n');
            socket.shutdownOutput();
        });
        try (Connection c = io.net().connect(address)) {
            Reader in = c.reader();
            StreamTooLongException tooLong = assertThrows(StreamTooLongException.class,
                    () -> in.takeDelimiterInclusive('\n', 100));
            assertTrue(tooLong.getMessage().contains("100"), tooLong.getMessage());
            assertEquals(301, in.take(301).remaining(), "an over-long line consumes nothing");
            java.io.EOFException pastEnd = assertThrows(java.io.EOFException.class, () -> in.take(1));
            assertTrue(pastEnd.getMessage() != null && !pastEnd.getMessage().isBlank());
            Writer out = c.writer();
            out.close();
            IOException afterClose = assertThrows(IOException.class, () -> out.write(new byte[] {1}));
            assertTrue(afterClose.getMessage().contains("closed"), afterClose.getMessage());
        }
        threads.join(io);
    }

    /**
     * One random operation on {@code out} (a write of one or several buffers, a byte or pattern
     * splat, a flush), with the bytes it must produce added to {@code model}.
     */
    private static void writeRandomly(Writer out, SplittableRandom random, MessageDigest model) throws IOException {
        switch (random.nextInt(5)) {
            case 0 -> {
                byte[] bytes = randomArray(random, 1 + random.nextInt(40_000));
                out.write(bytes);
                model.update(bytes);
            }
            case 1 -> {
                int b = random.nextInt(256);
                long n = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(50_000);
                out.splatByte(b, n);
                for (long i = 0; i < n; i++) {
                    model.update((byte) b);
                }
            }
            case 2 -> {
                byte[] pattern = randomArray(random, 1 + random.nextInt(7));
                long n = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(5_000);
                out.splatBytes(pattern, n);
                for (long i = 0; i < n; i++) {
                    model.update(pattern);
                }
            }
            case 3 -> {
                ByteBuffer[] data = new ByteBuffer[1 + random.nextInt(5)];
                for (int i = 0; i < data.length; i++) {
                    data[i] = ByteBuffer.wrap(randomArray(random, random.nextInt(3_000)));
                }
                long splat = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(20);
                out.writeSplat(data, splat);
                for (int i = 0; i < data.length - 1; i++) {
                    model.update(data[i].array());
                }
                for (long i = 0; i < splat; i++) {
                    model.update(data[data.length - 1].array());
                }
            }
            default -> out.flush();
        }
    }

    private static byte[] randomArray(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A loopback address where nothing listens: a port that was just free. */
    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return new InetSocketAddress(LOOPBACK, probe.getLocalPort());
        }
    }
}
