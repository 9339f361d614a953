package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.zsync.CanceledException;
import io.zsync.Flows;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.IoClosedException;
import io.zsync.Mutex;
import io.zsync.Queue;
import io.zsync.Select;
import io.zsync.Task;
import io.zsync.TaskExecutor;
import io.zsync.VoidTask;
import io.zsync.coroutine.Suspendable;
import io.zsync.fs.File;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import io.zsync.net.UdpSocket;
import io.zsync.nio.NioChannels;
import io.zsync.spi.kit.StrandCarrier;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a program that is not written as zsync expects still gets a clear, typed answer: threads
 * interrupted by other code, bursts of clients, bad arguments, calls after close.
 */
final class MisuseCases {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** The burst of clients that got resets from the JDK's default backlog of 50. */
    private static final int BURST = 200;
    /** How long a burst may take to connect before the case gives up: a hang guard, not a measure. */
    private static final Duration BURST_GUARD = Duration.ofSeconds(20);

    /** Interrupts sent to a plain thread during its file calls. */
    private static final int INTERRUPTS = 200;
    /** Tasks interrupted during their file calls, one interrupt each. */
    private static final int TASK_INTERRUPTS = 50;
    /** A bound on the calls of a loop that waits for an interrupt. */
    private static final int MAX_CALLS = 100_000;
    private static final int FILE_BYTES = 4096;
    /** More than a loopback socket's send and receive buffers hold together. */
    private static final int BIGGER_THAN_SOCKET_BUFFERS = 16 << 20;
    /** The socket buffer sizes the bounded close case asks for (the system may double them). */
    private static final int SMALL_SOCKET_BUFFER = 4096;
    /** The size of a connection's writer's buffer. */
    private static final int WRITER_BUFFER = 16 * 1024;

    private MisuseCases() {}

    static List<Case> cases() {
        String area = "misuse";
        return List.of(
                Case.of(area, "interrupting a plain thread during file calls cancels its next call and never closes the file", io -> {
                    withFile(io, file -> {
                        FileUser user = new FileUser(file);
                        Threads threads = new Threads().start(user::runAsPlainThread);
                        threads.start(() -> {
                            for (int i = 0; i < INTERRUPTS; i++) {
                                user.interruptDuringACall();
                                user.awaitHandled(i + 1);
                            }
                            user.stop();
                        });
                        threads.join(io);
                        assertEquals(INTERRUPTS, user.handled(), "each interrupt canceled exactly one later call");
                        assertUsable(file);
                    });
                }).io(),
                Case.concurrent(area, "interrupting a task's thread during file calls cancels the task and never closes the file", io -> {
                    // A thread that carries many tasks in turn (an event loop) is no task's own: an interrupt
                    // of it from outside counts for the task running on it at that moment, if any.
                    assumeFalse(io.concurrent(() -> Thread.currentThread() instanceof StrandCarrier).await(),
                            "the backend's tasks share their threads, so no task has a thread of its own to interrupt");
                    withFile(io, file -> {
                        for (int i = 0; i < TASK_INTERRUPTS; i++) {
                            FileUser user = new FileUser(file);
                            Future<Integer, IOException> task = io.concurrent(() -> user.runAsTaskUntilCanceled());
                            Threads interrupter = new Threads().start(user::interruptDuringACall);
                            interrupter.join(io);
                            assertEquals(1, (int) task.await(), "the interrupt canceled the task once");
                        }
                        assertUsable(file);
                    });
                }).io(),
                Case.of(area, "a null argument throws NullPointerException naming the parameter", io -> {
                    Loopback.withConnectedPair(io, (c, peer) -> {
                        SocketAddress address = c.remoteAddress();
                        expectNull("dst", () -> c.read((ByteBuffer) null));
                        expectNull("dsts", () -> c.read((ByteBuffer[]) null));
                        expectNull("src", () -> c.write((ByteBuffer) null));
                        expectNull("srcs", () -> c.write((ByteBuffer[]) null));
                        expectNull("option", () -> c.getOption(null));
                        expectNull("b", () -> c.writer().write((byte[]) null));
                        expectNull("src", () -> c.writer().write((ByteBuffer) null));
                        expectNull("text", () -> c.writer().print(null));
                        expectNull("dst", () -> c.reader().read((ByteBuffer) null));
                        expectNull("b", () -> c.reader().readFully((byte[]) null));
                        expectNull("writer", () -> c.reader().stream(null, 1));
                        expectNull("charset", () -> c.reader().readLine(null));
                        expectNull("charset", () -> c.writer().print("x", null));
                        expectNull("text", () -> c.writer().print(null, StandardCharsets.UTF_8));
                        expectNull("remote", () -> io.net().connect(null));
                        expectNull("timeout", () -> io.net().connect(address, null));
                        expectNull("local", () -> io.net().listen(null));
                        expectNull("host", () -> io.net().resolve(null));
                        expectNull("path", () -> io.fs().open(null));
                        expectNull("mutex", () -> io.condition().await(null));
                        expectNull("timeout", () -> io.event().await(null));
                        expectNull("timeout", () -> io.sleep(null));
                        expectNull("work", () -> io.blocking((Task<Integer, RuntimeException>) null));
                        expectNull("work", () -> io.blocking((VoidTask<RuntimeException>) null));
                        if (Loopback.hasKernel(io)) {
                            expectNull("channel", () -> NioChannels.of(io).awaitReady(null, SelectionKey.OP_READ));
                        }
                        expectNull("task", () -> io.async((Task<Integer, RuntimeException>) null));
                        expectNull("task", () -> io.async((VoidTask<RuntimeException>) null));
                        expectNull("element", () -> io.queue(1).put(null));
                        expectNull("action", () -> io.queue(1).forEach(null));
                        expectNull("task", () -> io.mutex().withLock(null));
                        expectNull("task", () -> io.rwLock().withSharedLock(null));
                        expectNull("task", () -> io.semaphore(1).withPermit(null));
                        try (Group<RuntimeException> group = io.group();
                                Select<Integer, RuntimeException> select = io.select()) {
                            expectNull("task", () -> group.async((Task<Integer, RuntimeException>) null));
                            expectNull("task", () -> group.async((VoidTask<RuntimeException>) null));
                            expectNull("task", () -> select.async(null));
                        }
                        expectNull("task", () -> io.concurrent((Task<Integer, RuntimeException>) null));
                    });
                }).io(),
                Case.of(area, "the timed forms, withTimeout and the bridges name a null timeout, task or argument", io -> {
                    expectNull("timeout", () -> io.withTimeoutOrEmpty(null, () -> 1));
                    expectNull("task", () -> io.withTimeoutOrEmpty(Duration.ZERO, null));
                    expectNull("task", () -> io.withTimeout(Duration.ZERO, (Task<Integer, RuntimeException>) null));
                    Queue<String> q = io.queue(1);
                    expectNull("timeout", () -> q.get(null));
                    expectNull("timeout", () -> q.put("x", null));
                    expectNull("element", () -> q.put(null, Duration.ZERO));
                    expectNull("timeout", () -> io.mutex().lock(null));
                    expectNull("timeout", () -> io.semaphore(0).acquire(null));
                    Mutex held = io.mutex();
                    held.lock();
                    expectNull("timeout", () -> io.condition().await(held, null));
                    assertTrue(held.isLocked(), "a refused condition wait let go of the mutex");
                    held.unlock();
                    try (Group<RuntimeException> group = io.group();
                            Select<Integer, RuntimeException> select = io.select()) {
                        expectNull("timeout", () -> group.await(null));
                        select.async(() -> 1);
                        expectNull("timeout", () -> select.await(null));
                        expectNull("queue", () -> Flows.publisher(group, null));
                        expectNull("group", () -> Flows.subscriber(null, io.queue(1)));
                    }
                    Future<Integer, RuntimeException> f = io.async(() -> 1);
                    expectNull("timeout", () -> f.await(null));
                    assertEquals(1, f.await());
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0));
                            UdpSocket udp = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        expectNull("timeout", () -> listener.accept(null));
                        expectNull("dst", () -> udp.receive(null, Duration.ZERO));
                        expectNull("timeout", () -> udp.receive(ByteBuffer.allocate(1), null));
                        expectNull("dst", () -> udp.read(null, Duration.ZERO));
                        expectNull("timeout", () -> udp.read(ByteBuffer.allocate(1), null));
                        try (Connection c = io.net().connect(listener.localAddress());
                                Connection accepted = listener.accept()) {
                            expectNull("timeout", () -> c.setReadTimeout(null));
                            expectNull("timeout", () -> c.close(null));
                        }
                    }
                }).io(),
                Case.of(area, "awaitTermination with a timeout below Duration's range does not wait", io -> {
                    try (TaskExecutor running = io.executor()) {
                        assertFalse(running.awaitTermination(-1, TimeUnit.SECONDS));
                        // Bounded, so that a wait without end fails here rather than at the hang guard.
                        assertFalse(io.withTimeout(Duration.ofSeconds(10), () -> running.awaitTermination(Long.MIN_VALUE, TimeUnit.DAYS)),
                                "an executor that was never shut down terminated");
                    }
                }),
                Case.of(area, "toCompletableFuture called twice gives two futures, each completed with the outcome", io -> {
                    Future<Integer, RuntimeException> f = io.async(() -> 5);
                    CompletableFuture<Integer> first = f.toCompletableFuture();
                    CompletableFuture<Integer> second = f.toCompletableFuture();
                    assertFalse(first == second);
                    assertEquals(5, io.await(first));
                    assertEquals(5, io.await(second));
                    assertEquals(5, f.await(), "the future still hands out its outcome");
                }),
                Case.of(area, "a closed Io refuses executor(), group(), supervisorGroup() and select(), saying it is closed", io -> {
                    TaskExecutor before = io.executor();
                    io.close();
                    List<Checks.Body> refused = List.of(io::executor, io::group, () -> io.supervisorGroup(failure -> {}), io::select);
                    for (Checks.Body call : refused) {
                        IllegalStateException e = assertThrows(IllegalStateException.class, call);
                        assertTrue(e.getMessage().contains("('" + io.name() + "') is closed"), e.getMessage());
                    }
                    RejectedExecutionException late = assertThrows(RejectedExecutionException.class, () -> before.execute(() -> {}));
                    assertTrue(late.getMessage().contains("is closed"), late.getMessage());
                    before.shutdown();
                    assertTrue(before.isTerminated());
                }),
                Case.of(area, "a listen backlog below 1 is refused, naming the parameter", io -> {
                    try {
                        io.net().listen(new InetSocketAddress(LOOPBACK, 0), 0).close();
                        fail("a backlog of 0 was taken");
                    } catch (IllegalArgumentException e) {
                        assertTrue(e.getMessage().startsWith("backlog is 0"), e.getMessage());
                    }
                }).io(),
                Case.of(area, "connect with a timeout too long for the clock connects", io -> {
                    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
                            Connection c = io.net().connect(server.getLocalSocketAddress(), Duration.ofSeconds(Long.MAX_VALUE));
                            Socket peer = server.accept()) {
                        assertTrue(c.isOpen());
                    }
                }).kernelOnly("its peer is a plain JDK socket, to check zsync against the system's own"),
                Case.of(area, "listening on a port in use says another socket is bound there", io -> {
                    try (Listener first = io.net().listen(new InetSocketAddress(LOOPBACK, 0))) {
                        try {
                            io.net().listen(first.localAddress()).close();
                            fail("a second listener bound " + first.localAddress());
                        } catch (BindException e) {
                            assertTrue(e.getMessage().contains("another socket is bound there"), e.getMessage());
                        }
                    }
                }).io(),
                Case.of(area, "socket waits after Io.close throw IoClosedException, an IOException", io -> {
                    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
                            Connection c = io.net().connect(server.getLocalSocketAddress());
                            Socket peer = server.accept();
                            Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0))) {
                        io.close();
                        expectIoClosed(io, () -> c.read(ByteBuffer.allocate(1)));
                        expectIoClosed(io, listener::accept);
                        peer.getOutputStream().write(1);
                        assertTrue(c.isOpen(), "the socket itself is untouched");
                    }
                }).kernelOnly("its peer is a plain JDK socket, which still works once the Io is closed"),
                Case.of(area, "close(timeout) resets a connection whose peer stopped reading", io -> {
                    assertBoundedCloseResets(io, Duration.ofMillis(50));
                }).kernelOnly("it needs the kernel's fixed socket buffers and a plain JDK socket that sees the reset"),
                Case.of(area, "socket timeouts far below zero give up at once, as zero ones do, and never overflow", io -> {
                    Duration farBelowZero = Duration.ofSeconds(Long.MIN_VALUE);
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0));
                            UdpSocket udp = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        assertThrows(SocketTimeoutException.class, () -> listener.accept(farBelowZero));
                        assertThrows(SocketTimeoutException.class, () -> udp.receive(ByteBuffer.allocate(1), farBelowZero));
                        try (Connection c = io.net().connect(listener.localAddress(), farBelowZero)) {
                            assertTrue(c.isOpen(), "a connect that needed no wait");
                        } catch (SocketTimeoutException needsAWait) {
                            // the other outcome of a connect that gives up at once
                        }
                    }
                    assertBoundedCloseResets(io, farBelowZero);
                }).kernelOnly("it needs the kernel's fixed socket buffers and a plain JDK socket that sees the reset"),
                Case.of(area, "abort resets a connection at once, dropping the buffered bytes", io -> {
                    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
                        Connection c = io.net().connect(server.getLocalSocketAddress());
                        try (Socket peer = server.accept()) {
                            c.writer().write(new byte[100]);
                            c.abort();
                            assertFalse(c.isOpen());
                            assertResetSeenBy(peer);
                            c.abort();
                        } finally {
                            c.close();
                        }
                    }
                }).kernelOnly("its peer is a plain JDK socket that sees the reset"),
                Case.of(area, "listen's default backlog takes a burst of 200 clients connecting at once, before any accept", io -> {
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0))) {
                        List<SocketChannel> clients = new ArrayList<>();
                        try {
                            connectBurst(listener, clients);
                            for (SocketChannel client : clients) {
                                try (Connection accepted = listener.accept()) {
                                    client.configureBlocking(true);
                                    client.write(ByteBuffer.wrap(new byte[] {7}));
                                    ByteBuffer one = ByteBuffer.allocate(1);
                                    assertEquals(1, accepted.read(one), "every accepted connection carries its byte");
                                    assertEquals(7, one.get(0));
                                }
                            }
                        } finally {
                            for (SocketChannel client : clients) {
                                client.close();
                            }
                        }
                    }
                }).kernelOnly("its clients are plain JDK socket channels"));
    }

    /** {@code call} throws a NullPointerException whose message starts with {@code parameter}. */
    private static void expectNull(String parameter, Checks.Body call) {
        NullPointerException e = Checks.assertThrows(NullPointerException.class, call, "a null " + parameter + " was taken");
        assertTrue(e.getMessage() != null && e.getMessage().startsWith(parameter + " is null"),
                "the message should name " + parameter + ": " + e.getMessage());
    }

    /** {@code call} throws an IoClosedException, an IOException naming the closed Io. */
    private static void expectIoClosed(Io io, Checks.Body call) {
        IoClosedException e = Checks.assertThrows(IoClosedException.class, call, "a socket wait after Io.close");
        assertTrue(e.getMessage().contains("'" + io.name() + "') is closed"), e.getMessage());
    }

    /** A connection whose peer stopped reading, closed with {@code bound}: the flush gives up, and the connection is reset. */
    private static void assertBoundedCloseResets(Io io, Duration bound) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            // Small, fixed socket buffers: once full, they cannot grow to take the writer's bytes.
            server.setReceiveBufferSize(SMALL_SOCKET_BUFFER);
            server.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            Connection c = io.net().connect(server.getLocalSocketAddress());
            try (Socket peer = server.accept()) {
                c.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_SOCKET_BUFFER);
                fillUntilItWaits(io, c);
                // More than the send buffer can free meanwhile, and no more than the writer buffers
                // without writing: the flush in close has to wait for the peer.
                c.writer().write(new byte[WRITER_BUFFER]);
                try {
                    c.close(bound);
                    fail("close(timeout) returned though the peer took nothing");
                } catch (SocketTimeoutException expected) {
                    // the connection was reset
                }
                assertFalse(c.isOpen());
                assertResetSeenBy(peer);
            } finally {
                c.close();
            }
        }
    }

    /**
     * Writes to {@code c} from a plain thread until the socket's buffers are full and the write
     * waits, then interrupts that wait: {@code c} then has no room, and stays open.
     */
    private static void fillUntilItWaits(Io io, Connection c) throws Exception {
        Threads writer = new Threads().start(() -> {
            try {
                c.write(ByteBuffer.allocate(BIGGER_THAN_SOCKET_BUFFERS));
                fail("the peer took " + BIGGER_THAN_SOCKET_BUFFERS + " bytes without reading");
            } catch (CanceledException expected) {
                Thread.interrupted();
            }
        });
        writer.awaitLastParked();
        writer.last().interrupt();
        writer.join(io);
    }

    /** The peer reads what arrived, then finds the connection reset, not an orderly end of stream. */
    private static void assertResetSeenBy(Socket peer) throws IOException {
        peer.setSoTimeout((int) BURST_GUARD.toMillis());
        InputStream in = peer.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (long read = 0; read <= BIGGER_THAN_SOCKET_BUFFERS; ) {
                int n = in.read(buffer);
                if (n < 0) {
                    fail("the peer read an orderly end of stream after " + read + " bytes, not a reset");
                }
                read += n;
            }
            fail("the peer read more than was written");
        } catch (SocketException expected) {
            assertTrue(expected.getMessage().contains("reset"), expected.getMessage());
        }
    }

    /** Runs {@code body} with a file of {@link #FILE_BYTES} known bytes, open for reading and writing. */
    private static void withFile(Io io, FileBody body) throws Exception {
        Path path = io.fs().createTempFile("zsync-misuse-", ".bin");
        try {
            try (File file = io.fs().create(path, StandardOpenOption.READ)) {
                file.writeAll(ByteBuffer.wrap(Loopback.randomBytes(FILE_BYTES, FILE_BYTES)));
                body.run(file);
            }
        } finally {
            io.fs().delete(path);
        }
    }

    @FunctionalInterface
    private interface FileBody {
        @Suspendable
        void run(File file) throws Exception;
    }

    /** The file is open, says so, and still holds its bytes. */
    private static void assertUsable(File file) throws IOException {
        assertFalse(file.toString().contains("closed"), file.toString());
        ByteBuffer all = ByteBuffer.allocate(FILE_BYTES);
        while (all.hasRemaining() && file.read(all, all.position()) > 0) {
            // positional reads until full
        }
        assertArrayEquals(Loopback.randomBytes(FILE_BYTES, FILE_BYTES), all.array());
    }

    /**
     * File calls in a loop, told apart from the interrupts another thread sends: the other thread
     * waits until a call is under way before it interrupts, so that interrupts come during calls
     * (and some before one, which the call's own check catches).
     */
    private static final class FileUser {

        private final File file;
        private final ByteBuffer buffer = ByteBuffer.allocate(FILE_BYTES);
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private final AtomicBoolean inCall = new AtomicBoolean();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicInteger handled = new AtomicInteger();

        FileUser(File file) {
            this.file = file;
        }

        /** A plain thread's loop: each interrupt makes one call throw CanceledException; the loop clears it and goes on. */
        void runAsPlainThread() throws IOException {
            thread.set(Thread.currentThread());
            try {
                loopAsPlainThread();
            } finally {
                ended.set(true);
            }
        }

        private void loopAsPlainThread() throws IOException {
            for (int calls = 0; calls < MAX_CALLS && !stopped.get(); calls++) {
                try {
                    oneCall();
                } catch (CanceledException expected) {
                    if (!Thread.interrupted()) {
                        fail("a plain thread's CanceledException left its interrupt status clear");
                    }
                    handled.incrementAndGet();
                }
            }
            if (!stopped.get()) {
                fail(MAX_CALLS + " calls and the interrupter did not finish");
            }
        }

        /** A task's loop: the interrupt cancels the task; returns how many CanceledExceptions it got. */
        int runAsTaskUntilCanceled() throws IOException {
            thread.set(Thread.currentThread());
            try {
                for (int calls = 0; calls < MAX_CALLS; calls++) {
                    try {
                        oneCall();
                    } catch (CanceledException expected) {
                        return handled.incrementAndGet();
                    }
                }
                return fail(MAX_CALLS + " calls and the task was not canceled");
            } finally {
                ended.set(true);
            }
        }

        private void oneCall() throws IOException {
            inCall.set(true);
            try {
                file.read(buffer.clear(), 0);
            } finally {
                inCall.set(false);
            }
        }

        /** Waits until a call is under way on the user's thread, then interrupts that thread. */
        void interruptDuringACall() {
            Thread target;
            while ((target = thread.get()) == null) {
                Thread.onSpinWait();
            }
            while (!inCall.get()) {
                if (ended.get()) {
                    fail("the file user ended before it was interrupted");
                }
                Thread.onSpinWait();
            }
            target.interrupt();
        }

        /** Waits until the user has handled {@code count} interrupts. */
        void awaitHandled(int count) {
            while (handled.get() < count) {
                if (ended.get()) {
                    fail("the file user ended with " + handled.get() + " of " + count + " interrupts handled");
                }
                Thread.onSpinWait();
            }
        }

        void stop() {
            stopped.set(true);
        }

        int handled() {
            return handled.get();
        }
    }

    /**
     * Starts {@link #BURST} connections to {@code listener} at once and waits, accepting none,
     * until the handshake of each has completed: the listener's backlog holds them all.
     */
    private static void connectBurst(Listener listener, List<SocketChannel> clients) throws IOException {
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < BURST; i++) {
                SocketChannel client = SocketChannel.open();
                clients.add(client);
                client.configureBlocking(false);
                if (!client.connect(listener.localAddress())) {
                    client.register(selector, SelectionKey.OP_CONNECT);
                }
            }
            long deadline = System.nanoTime() + BURST_GUARD.toNanos();
            while (!selector.keys().isEmpty()) {
                if (System.nanoTime() - deadline > 0) {
                    fail(selector.keys().size() + " of " + BURST + " clients were still not connected after "
                            + BURST_GUARD + " with nothing accepted: the backlog is smaller than the burst");
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (((SocketChannel) key.channel()).finishConnect()) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
                selector.selectNow(); // flushes the canceled keys out of keys()
            }
        }
    }
}
