package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.CancelProtection;
import io.zsync.CanceledException;
import io.zsync.Condition;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.Queue;
import io.zsync.QueueClosedException;
import io.zsync.Select;
import io.zsync.Semaphore;
import io.zsync.VoidTask;
import io.zsync.io.Reader;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import io.zsync.net.UdpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Timeouts: {@link Io#withTimeout} (fires, does not fire, nests, is told apart from a cancellation
 * from outside, leaves the caller uncanceled) and the timed form of each blocking operation, with
 * the state each leaves behind. No case measures time: a timeout that must fire waits for what
 * never happens, one that must not is a minute long and the case ends well before.
 */
final class TimeoutCases {

    /** Fires: what the cases wait for never happens. */
    private static final Duration SHORT = Duration.ofMillis(20);
    /** Never fires: every case ends long before. */
    private static final Duration LONG = Duration.ofMinutes(1);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private TimeoutCases() {}

    static List<Case> cases() {
        String area = "timeout";
        return List.of(
                Case.of(area, "withTimeout returns what the task returns, and leaves the caller uncanceled", io -> {
                    assertEquals(42, io.withTimeout(LONG, () -> 42));
                    Event set = io.event();
                    set.set();
                    io.withTimeout(LONG, () -> set.await());
                    assertEquals(Optional.of("done"), io.withTimeoutOrEmpty(LONG, () -> "done"));
                    assertFalse(io.cancelRequested());
                    io.checkCancel();
                }),
                Case.of(area, "withTimeout cancels a task waiting for what never happens, throws TimeoutException, and the caller goes on", io -> {
                    Event never = io.event();
                    TimeoutException e = assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> never.await()));
                    assertInstanceOf(CanceledException.class, e.getCause(), "the cause says where the task was canceled");
                    assertFalse(io.cancelRequested(), "the caller was left canceled");
                    io.checkCancel();
                    io.sleep(Duration.ofMillis(1));
                    assertTrue(set(io).await(LONG), "a wait after the timeout was canceled");
                    assertEquals("again", io.withTimeout(LONG, () -> "again"));
                }),
                Case.of(area, "withTimeout fires in every kind of wait, and each wait is left as it was", io -> {
                    Event never = io.event();
                    Queue<String> empty = io.queue(1);
                    Semaphore none = io.semaphore(0);
                    Mutex m = io.mutex();
                    Condition unsignaled = io.condition();
                    List<VoidTask<RuntimeException>> waits = List.of(
                            () -> io.sleep(Duration.ofDays(1)),
                            () -> never.await(),
                            () -> empty.get(),
                            () -> none.acquire(),
                            () -> {
                                m.lock();
                                try {
                                    unsignaled.await(m);
                                } finally {
                                    m.unlock();
                                }
                            },
                            // On a backend without concurrency the task runs inline, under the deadline too.
                            () -> io.async(() -> never.await()).await());
                    for (VoidTask<RuntimeException> wait : waits) {
                        assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, wait));
                    }
                    assertFalse(m.isLocked());
                    assertTrue(empty.tryPut("kept"), "the timed-out get is still a getter");
                    assertEquals("kept", empty.tryGet());
                    none.release();
                    assertEquals(1, none.available(), "the timed-out acquire is still a waiter");
                }),
                Case.of(area, "withTimeout passes the task's own exception through exact, and a task that handles the cancellation has its own outcome", io -> {
                    IOException boom = new IOException("boom");
                    try {
                        io.withTimeout(LONG, () -> {
                            if (boom != null) {
                                throw boom;
                            }
                            return "unreached";
                        });
                        fail("the task's exception was lost");
                    } catch (IOException e) { // E is exact: no catch (Exception) is needed
                        assertSame(boom, e);
                    } catch (TimeoutException e) {
                        fail("a failing task is no timeout", e);
                    }
                    Event never = io.event();
                    IOException own = assertThrows(IOException.class, () -> io.withTimeout(SHORT, () -> {
                        try {
                            never.await();
                        } catch (CanceledException canceled) {
                            throw new IOException("gave up", canceled);
                        }
                    }));
                    assertEquals("gave up", own.getMessage());
                    assertEquals("handled", io.withTimeout(SHORT, () -> {
                        try {
                            never.await();
                            return "unreached";
                        } catch (CanceledException canceled) {
                            return "handled";
                        }
                    }));
                }),
                Case.of(area, "withTimeoutOrEmpty is empty when the timeout fires", io -> {
                    Queue<String> empty = io.queue(1);
                    assertEquals(Optional.empty(), io.withTimeoutOrEmpty(SHORT, () -> empty.get()));
                    assertEquals(Optional.of(7), io.withTimeoutOrEmpty(LONG, () -> 7));
                    assertFalse(io.cancelRequested());
                }),
                Case.of(area, "nested withTimeout: the outer deadline firing first is the outer's timeout, never the inner's", io -> {
                    Event never = io.event();
                    AtomicReference<Exception> fromInner = new AtomicReference<>();
                    TimeoutException outer = assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> {
                        try {
                            io.withTimeout(LONG, () -> never.await()); // must not extend the outer deadline
                        } catch (TimeoutException | CanceledException e) {
                            fromInner.set(e);
                            throw e;
                        }
                    }));
                    assertInstanceOf(CanceledException.class, fromInner.get(),
                            "the inner withTimeout reported the outer's deadline as its own timeout");
                    assertSame(fromInner.get(), outer.getCause(), "the outer reports the cancellation that went through the inner");
                    assertFalse(io.cancelRequested());
                }),
                Case.of(area, "nested withTimeout: the inner deadline firing first is the inner's timeout, and the outer goes on", io -> {
                    Event never = io.event();
                    assertEquals("outer ended", io.withTimeout(LONG, () -> {
                        assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> never.await()));
                        io.checkCancel();
                        assertTrue(set(io).await(LONG));
                        return "outer ended";
                    }));
                }),
                Case.concurrent(area, "a cancellation from outside a withTimeout is a CanceledException, never a timeout", io -> {
                    Event inside = io.event();
                    Event never = io.event();
                    Future<Void, TimeoutException> f = io.concurrent(() -> io.withTimeout(LONG, () -> {
                        inside.set();
                        never.await();
                    }));
                    inside.await();
                    assertThrows(CanceledException.class, f::cancel);
                }),
                Case.concurrent(area, "the groups a timed task made are canceled at its deadline, before it closes them", io -> {
                    Event never = io.event();
                    Event started = io.event();
                    // In a task of its own on both runs: a plain thread owns no groups.
                    Future<Void, TimeoutException> host = io.concurrent(() -> io.withTimeout(SHORT, () -> {
                        try (Group<RuntimeException> g = io.group()) {
                            g.concurrent(() -> {
                                started.set();
                                never.await();
                            });
                            try {
                                never.await();
                            } catch (CanceledException deadline) {
                                g.await(); // returns: the deadline canceled the member too
                                throw deadline;
                            }
                        }
                    }));
                    assertThrows(TimeoutException.class, host::await);
                    assertTrue(started.isSet());
                    assertDeadlineSparesGroupsMadeOutside(io, never);
                }),
                Case.concurrent(area, "the groups made inside a withTimeout are canceled at its deadline, on a plain thread as in a task", io -> {
                    Event never = io.event();
                    List<Boolean> endedInTime = new ArrayList<>();
                    assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> {
                        try (Group<RuntimeException> g = io.group()) {
                            Event started = io.event();
                            g.concurrent(() -> {
                                started.set();
                                never.await();
                            });
                            started.await();
                            try {
                                never.await();
                            } catch (CanceledException deadline) {
                                endedInTime.add(g.await(Duration.ofSeconds(10))); // true at once: the deadline canceled the member
                                throw deadline;
                            }
                        }
                    }));
                    assertEquals(List.of(true), endedInTime, "the group's member ran on after the deadline");
                    assertDeadlineSparesGroupsMadeOutside(io, never);
                }),
                Case.of(area, "protectCancel defers the deadline of an enclosing withTimeout and enforces one opened inside it", io -> {
                    Event never = io.event();
                    AtomicBoolean innerTimedOut = new AtomicBoolean();
                    assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> {
                        try (CancelProtection shield = io.protectCancel()) {
                            // Ends after the outer deadline; the inner's own timeout is reported.
                            assertThrows(TimeoutException.class, () -> io.withTimeout(Duration.ofMillis(100), () -> never.await()));
                            innerTimedOut.set(true);
                        }
                        io.checkCancel(); // the outer deadline, deferred until now
                    }));
                    assertTrue(innerTimedOut.get());
                }),
                Case.of(area, "withTimeout of zero cancels at the first cancellation point; a task with none ends", io -> {
                    assertEquals(1, io.withTimeout(Duration.ZERO, () -> 1));
                    assertThrows(TimeoutException.class, () -> io.withTimeout(Duration.ZERO, () -> io.checkCancel()));
                    assertThrows(TimeoutException.class, () -> io.withTimeout(Duration.ofSeconds(-1), () -> io.sleep(LONG)));
                    assertEquals(2, io.withTimeout(Duration.ofSeconds(Long.MAX_VALUE), () -> 2), "a timeout too long for the clock is none");
                }),
                Case.of(area, "withTimeout refuses a null timeout or task, saying which", io -> {
                    NullPointerException t = assertThrows(NullPointerException.class, () -> io.withTimeout(null, () -> 1));
                    assertTrue(t.getMessage().startsWith("timeout is null"), t.getMessage());
                    NullPointerException k = assertThrows(NullPointerException.class, () -> io.withTimeout(LONG, (VoidTask<RuntimeException>) null));
                    assertTrue(k.getMessage().startsWith("task is null"), k.getMessage());
                }),
                Case.of(area, "queue get and put with a timeout: a get that timed out took nothing, a put that timed out added nothing", io -> {
                    Queue<String> q = io.queue(1);
                    assertThrows(TimeoutException.class, () -> q.get(SHORT));
                    assertTrue(q.put("a", LONG));
                    assertFalse(q.put("b", SHORT));
                    assertEquals(1, q.size());
                    assertEquals("a", q.get(LONG));
                    assertEquals(0, q.size());
                    Queue<String> rendezvous = io.queue(0);
                    assertThrows(TimeoutException.class, () -> rendezvous.get(SHORT));
                    assertFalse(rendezvous.tryPut("x"), "a put was handed to a getter that had timed out");
                    assertFalse(rendezvous.put("y", SHORT));
                    assertEquals(null, rendezvous.tryGet(), "a putter that had timed out handed its element over");
                    q.close();
                    assertThrows(QueueClosedException.class, () -> q.get(LONG));
                    assertThrows(QueueClosedException.class, () -> q.put("c", LONG));
                }),
                Case.concurrent(area, "queue get and put with a timeout are served while they wait", io -> {
                    Queue<String> q = io.queue(0);
                    Future<String, TimeoutException> getter = io.concurrent(() -> q.get(LONG));
                    q.put("handed");
                    assertEquals("handed", getter.await());
                    Future<Boolean, RuntimeException> putter = io.concurrent(() -> q.put("taken", LONG));
                    assertEquals("taken", q.get());
                    assertTrue(putter.await());
                }),
                Case.of(area, "mutex lock with a timeout: false while another holds it, and a lock that timed out is not held", io -> {
                    Mutex m = io.mutex();
                    m.lock();
                    assertFalse(io.async(() -> m.lock(SHORT)).await());
                    assertTrue(m.isLocked());
                    m.unlock();
                    assertFalse(m.isLocked(), "the lock went to a waiter that had timed out");
                    assertTrue(io.async(() -> {
                        boolean got = m.lock(LONG);
                        m.unlock();
                        return got;
                    }).await());
                    assertTrue(m.lock(LONG));
                    IllegalStateException again = assertThrows(IllegalStateException.class, () -> m.lock(LONG));
                    assertTrue(again.getMessage().contains("reentrant"), again.getMessage());
                    m.unlock();
                }),
                Case.of(area, "semaphore acquire with a timeout: false when no permit comes, and it took none", io -> {
                    Semaphore s = io.semaphore(0);
                    assertFalse(s.acquire(SHORT));
                    s.release();
                    assertEquals(1, s.available(), "the permit went to a waiter that had timed out");
                    assertTrue(s.acquire(LONG));
                    assertEquals(0, s.available());
                }),
                Case.of(area, "condition await with a timeout: false without a signal, the mutex held again", io -> {
                    Mutex m = io.mutex();
                    Condition c = io.condition();
                    m.lock();
                    assertFalse(c.await(m, SHORT));
                    assertTrue(m.isLocked());
                    m.unlock();
                }),
                Case.concurrent(area, "group await with a timeout: false while a task runs, which goes on; true once all ended", io -> {
                    Event go = io.event();
                    Event ran = io.event();
                    try (Group<IOException> g = io.group()) {
                        g.concurrent(() -> {
                            go.await();
                            ran.set();
                        });
                        assertFalse(g.await(SHORT));
                        go.set();
                        assertTrue(g.await(LONG));
                        assertTrue(ran.isSet(), "the task was canceled by the timed-out await");
                        g.concurrent(() -> {
                            throw new IOException("member failed");
                        });
                        assertEquals("member failed", assertThrows(IOException.class, () -> g.await(LONG)).getMessage());
                    }
                }),
                Case.of(area, "group await with a timeout returns true at once when no task runs", io -> {
                    try (Group<RuntimeException> g = io.group()) {
                        assertTrue(g.await(SHORT));
                        g.async(() -> {});
                        assertTrue(g.await(LONG));
                    }
                }),
                Case.concurrent(area, "select await with a timeout: TimeoutException while none finished, which go on", io -> {
                    Event never = io.event();
                    try (Select<String, RuntimeException> race = io.select()) {
                        race.concurrent(() -> {
                            never.await();
                            return "never";
                        });
                        assertThrows(TimeoutException.class, () -> race.await(SHORT));
                        assertEquals(1, race.remaining());
                        race.concurrent(() -> "fast");
                        assertEquals("fast", race.await(LONG));
                    }
                }),
                Case.of(area, "tcp: accept with a timeout takes no connection, and the listener stays usable", io -> {
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0))) {
                        assertThrows(SocketTimeoutException.class, () -> listener.accept(SHORT));
                        try (Connection client = io.net().connect(listener.localAddress());
                                Connection server = listener.accept(LONG)) {
                            client.write(ByteBuffer.wrap(new byte[] {42}));
                            assertEquals(42, server.reader().takeByte());
                        }
                    }
                }).io(),
                Case.of(area, "tcp: a read that timed out consumed nothing, and the connection stays usable", io -> {
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0));
                            Connection client = io.net().connect(listener.localAddress());
                            Connection server = listener.accept(LONG)) {
                        assertSame(server, server.setReadTimeout(SHORT));
                        ByteBuffer dst = ByteBuffer.allocate(16);
                        assertThrows(SocketTimeoutException.class, () -> server.read(dst));
                        assertEquals(0, dst.position());
                        assertThrows(SocketTimeoutException.class, () -> server.read(new ByteBuffer[] {dst}));
                        client.write(ByteBuffer.wrap(ascii("hel")));
                        Reader in = server.reader();
                        assertThrows(SocketTimeoutException.class, () -> in.takeDelimiterExclusive('\n', 64));
                        client.write(ByteBuffer.wrap(ascii("lo\n")));
                        assertEquals("hello", StandardCharsets.US_ASCII.decode(in.takeDelimiterExclusive('\n', 64)).toString(),
                                "the bytes read before the timeout were lost");
                        server.setReadTimeout(Duration.ZERO);
                        client.write(ByteBuffer.wrap(ascii("!")));
                        assertEquals('!', in.takeByte());
                        assertThrows(IllegalArgumentException.class, () -> server.setReadTimeout(Duration.ofSeconds(-1)));
                    }
                }).io(),
                Case.of(area, "withTimeout around a readLine of half a line: TimeoutException, and the half is read once the rest comes", io -> {
                    try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0));
                            Connection client = io.net().connect(listener.localAddress());
                            Connection server = listener.accept(LONG)) {
                        Reader in = server.reader();
                        client.write(ByteBuffer.wrap(ascii("hel")));
                        assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> in.readLine()));
                        client.write(ByteBuffer.wrap(ascii("lo\r\nworld\n")));
                        assertEquals("hello", io.withTimeout(LONG, () -> in.readLine()), "the timed-out readLine consumed bytes");
                        assertEquals("world", in.readLine());
                        assertFalse(io.cancelRequested());
                    }
                }).io(),
                Case.of(area, "udp: a receive with a timeout takes no datagram, and the socket stays usable", io -> {
                    try (UdpSocket a = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0));
                            UdpSocket b = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        ByteBuffer dst = ByteBuffer.allocate(16);
                        assertThrows(SocketTimeoutException.class, () -> a.receive(dst, SHORT));
                        assertThrows(SocketTimeoutException.class, () -> a.receive(dst, Duration.ZERO));
                        assertThrows(SocketTimeoutException.class, () -> a.receive(dst, Duration.ofSeconds(Long.MIN_VALUE)));
                        assertEquals(0, dst.position(), "a receive that timed out wrote into dst");
                        b.send(ByteBuffer.wrap(ascii("ping")), a.localAddress());
                        assertEquals(b.localAddress(), a.receive(dst, LONG));
                        assertEquals("ping", new String(dst.array(), 0, dst.position(), StandardCharsets.US_ASCII));
                        b.send(ByteBuffer.wrap(ascii("!")), a.localAddress());
                        dst.clear();
                        assertEquals(b.localAddress(), a.receive(dst, Duration.ofSeconds(Long.MAX_VALUE)), "a timeout too long for the clock is none");
                        assertEquals(1, dst.position());
                    }
                }).io(),
                Case.of(area, "udp: a connected read with a timeout takes no datagram, and the socket stays usable", io -> {
                    try (UdpSocket a = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0));
                            UdpSocket b = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        a.connect(b.localAddress());
                        b.connect(a.localAddress());
                        ByteBuffer dst = ByteBuffer.allocate(16);
                        assertThrows(SocketTimeoutException.class, () -> a.read(dst, SHORT));
                        assertEquals(0, dst.position());
                        b.write(ByteBuffer.wrap(ascii("pong")));
                        assertEquals(4, a.read(dst, LONG));
                        assertEquals("pong", new String(dst.array(), 0, 4, StandardCharsets.US_ASCII));
                    }
                }).io(),
                Case.concurrent(area, "udp: a datagram that comes while a timed receive waits is taken by it", io -> {
                    try (UdpSocket a = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0));
                            UdpSocket b = io.net().openUdp(new InetSocketAddress(LOOPBACK, 0))) {
                        ByteBuffer dst = ByteBuffer.allocate(16);
                        Future<SocketAddress, IOException> receiving = io.concurrent(() -> a.receive(dst, LONG));
                        b.send(ByteBuffer.wrap(ascii("late")), a.localAddress());
                        assertEquals(b.localAddress(), receiving.await());
                        assertEquals(4, dst.position());
                    }
                }).io());
    }

    /** An event already set. */
    private static Event set(Io io) {
        Event e = io.event();
        e.set();
        return e;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A withTimeout's deadline leaves alone a group made before it, outside its scope. */
    private static void assertDeadlineSparesGroupsMadeOutside(Io io, Event never) throws Exception {
        try (Group<RuntimeException> outside = io.group()) {
            Event member = io.event();
            outside.concurrent(() -> {
                member.set();
                never.await();
            });
            member.await();
            assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> never.await()));
            assertFalse(outside.await(Duration.ofMillis(1)), "a group made outside the withTimeout was canceled");
        }
    }
}
