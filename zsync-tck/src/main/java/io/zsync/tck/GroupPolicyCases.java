package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future.State;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Groups whose members have results (a future each), the supervisor policy, and the refusal of new
 * members by a group that failed or was canceled (issue 10, item 3).
 */
final class GroupPolicyCases {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /**
     * The rounds of the failure-against-starts race, and their budget: before the refusal existed,
     * a member started after the failure ran in the first round.
     */
    private static final int RACE_ROUNDS = 50;
    private static final long RACE_BUDGET_NANOS = Duration.ofMillis(1_500).toNanos();
    private static final int RACE_THREADS = 16;
    /** How many members one thread starts at most in a round, if it never sees the group failed. */
    private static final int RACE_STARTS = 200;

    /** A timeout that fires: what the cases wait for never happens. */
    private static final Duration SHORT = Duration.ofMillis(20);

    private GroupPolicyCases() {}

    static List<Case> cases() {
        String area = "group";
        return List.of(
                Case.of(area, "a member's future hands out its state and result once the group is awaited", io -> {
                    try (Group<IOException> g = io.group()) {
                        Future<Integer, IOException> one = g.async(() -> 1);
                        Future<Void, IOException> none = g.async(() -> {});
                        g.await();
                        assertEquals(State.SUCCESS, one.state());
                        assertEquals(1, one.resultNow());
                        assertNull(none.resultNow());
                        assertEquals(1, one.await(), "a member's future may be awaited as well");
                    }
                }),
                Case.of(area, "Future.awaitAll over the members gives their results in the order started", io -> {
                    try (Group<RuntimeException> g = io.group()) {
                        List<Future<Integer, RuntimeException>> members = new ArrayList<>();
                        List<Integer> expected = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            int n = i;
                            members.add(g.async(() -> {
                                for (int y = 0; y < (50 - n) % 7; y++) {
                                    io.yieldNow();
                                }
                                return n;
                            }));
                            expected.add(n);
                        }
                        assertEquals(expected, Future.awaitAll(members));
                    }
                }),
                Case.of(area, "a failing member's future holds the exception the group throws", io -> {
                    try (Group<IOException> g = io.group()) {
                        Future<String, IOException> failing = g.async(() -> FutureCases.readFails("member failed"));
                        IOException thrown = assertThrows(IOException.class, g::await);
                        assertEquals(State.FAILED, failing.state());
                        assertSame(thrown, failing.exceptionNow());
                    }
                }),
                Case.concurrent(area, "canceling a member's future cancels that member alone, and is no failure", io -> {
                    Event never = io.event();
                    try (Group<RuntimeException> g = io.group()) {
                        Future<Integer, RuntimeException> sleeper = g.concurrent(() -> {
                            never.await();
                            return 0;
                        });
                        Future<Integer, RuntimeException> other = g.concurrent(() -> 2);
                        assertThrows(CanceledException.class, sleeper::cancel);
                        g.await();
                        assertFalse(g.isFailed());
                        assertEquals(2, other.resultNow());
                    }
                }),
                Case.of(area, "a failed group refuses new members: they never run, and their futures say why", io -> {
                    AtomicInteger ran = new AtomicInteger();
                    try (Group<IOException> g = io.group()) {
                        Future<String, IOException> failing = g.async(() -> FutureCases.readFails("instant failure"));
                        IOException failure = assertThrows(IOException.class, failing::await);
                        assertTrue(g.isFailed(), "the failing member's future ended before its group was failed");
                        List<Future<Integer, IOException>> late = new ArrayList<>();
                        for (int i = 0; i < 1_000; i++) {
                            late.add(g.async(ran::incrementAndGet));
                        }
                        assertEquals(0, ran.get(), "members started after the group failed ran");
                        for (Future<Integer, IOException> f : late) {
                            assertEquals(State.CANCELLED, f.state());
                        }
                        Future<Integer, IOException> first = late.get(0);
                        CanceledException refused = assertThrows(CanceledException.class, first::await);
                        assertTrue(refused.getMessage().contains("has failed"), refused.getMessage());
                        assertSame(failure, refused.getCause());
                        assertSame(failure, assertThrows(IOException.class, g::await));
                        assertFalse(g.isFailed(), "await took the failure");
                        g.async(ran::incrementAndGet);
                        g.await();
                        assertEquals(1, ran.get(), "after await the group starts members again");
                    }
                }),
                Case.concurrent(area, "a canceled group refuses new members", io -> {
                    AtomicInteger ran = new AtomicInteger();
                    AtomicReference<State> late = new AtomicReference<>();
                    Event ready = io.event();
                    Future<Void, RuntimeException> owner = io.concurrent(() -> {
                        try (Group<RuntimeException> g = io.group()) {
                            try {
                                ready.set();
                                io.sleep(Duration.ofDays(1));
                            } finally {
                                // The owner's cancellation was delivered, and with it the group's.
                                late.set(g.async(ran::incrementAndGet).state());
                            }
                        }
                    });
                    ready.await();
                    assertThrows(CanceledException.class, owner::cancel);
                    assertEquals(State.CANCELLED, late.get());
                    assertEquals(0, ran.get());
                }),
                Case.of(area, "supervisor: a member's failure goes to the handler and stays on its future; await throws nothing", io -> {
                    List<Throwable> failures = new CopyOnWriteArrayList<>();
                    try (Group<IOException> g = io.supervisorGroup(failures::add)) {
                        Future<String, IOException> failing = g.async(() -> FutureCases.readFails("one member failed"));
                        Future<Integer, IOException> after = g.async(() -> 2);
                        assertFalse(g.isFailed(), "a supervisor group never fails");
                        g.await();
                        assertEquals(1, failures.size(), "the handler ran before await returned");
                        assertSame(failing.exceptionNow(), failures.get(0));
                        assertEquals(2, after.resultNow());
                    }
                }),
                Case.concurrent(area, "supervisor: a member's failure cancels no sibling", io -> {
                    Event failed = io.event();
                    Event go = io.event();
                    try (Group<IOException> g = io.supervisorGroup(failure -> failed.set())) {
                        Future<String, IOException> waiting = g.concurrent(() -> {
                            go.await();
                            return "still here";
                        });
                        g.concurrent(() -> FutureCases.readFails("boom"));
                        failed.await();
                        go.set();
                        g.await();
                        assertEquals("still here", waiting.resultNow());
                    }
                }),
                Case.concurrent(area, "supervisor: a member's withTimeout times out that member alone, and the group goes on", io -> {
                    Event never = io.event();
                    Event go = io.event();
                    List<Throwable> failures = new CopyOnWriteArrayList<>();
                    try (Group<TimeoutException> g = io.supervisorGroup(failures::add)) {
                        Future<String, TimeoutException> timed = g.concurrent(() -> io.withTimeout(SHORT, () -> {
                            never.await();
                            return "never";
                        }));
                        Future<String, TimeoutException> sibling = g.concurrent(() -> {
                            go.await();
                            return "served";
                        });
                        assertThrows(TimeoutException.class, timed::await);
                        assertFalse(g.isFailed());
                        assertEquals(State.RUNNING, sibling.state(), "the member's timeout canceled its sibling");
                        go.set();
                        g.await();
                        assertEquals("served", sibling.resultNow());
                        assertEquals(1, failures.size());
                        assertSame(timed.exceptionNow(), failures.get(0), "the timeout is the member's failure, reported");
                        assertEquals(3, g.async(() -> 3).await(), "the group starts members after a member's timeout");
                    }
                }),
                Case.concurrent(area, "fail-fast: a member's timeout is its failure, which cancels the others and is thrown", io -> {
                    Event never = io.event();
                    try (Group<TimeoutException> g = io.group()) {
                        Future<String, TimeoutException> sibling = g.concurrent(() -> {
                            never.await();
                            return "never";
                        });
                        g.concurrent(() -> io.withTimeout(SHORT, () -> never.await()));
                        assertThrows(TimeoutException.class, g::await);
                        assertEquals(State.CANCELLED, sibling.state());
                    }
                }),
                Case.concurrent(area, "supervisor: an echo server keeps serving when one connection's handler throws",
                        GroupPolicyCases::supervisedEchoServer).io(),
                Case.concurrent(area, "a failure racing starts from 16 threads: no member starts once the group has failed", io -> {
                    long end = System.nanoTime() + RACE_BUDGET_NANOS;
                    for (int round = 0; round < RACE_ROUNDS && System.nanoTime() - end < 0; round++) {
                        failWhileStarting(io, round);
                    }
                }));
    }

    /**
     * A loopback echo server whose connections are a supervisor group: the handler of one
     * connection throws, and the others (one already open, one accepted after) are still answered.
     */
    private static void supervisedEchoServer(Io io) throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Event failed = io.event();
        try (Listener listener = io.net().listen(new InetSocketAddress(LOOPBACK, 0))) {
            Future<Void, IOException> server = io.concurrent(() -> {
                try (Group<IOException> connections = io.supervisorGroup(failure -> {
                    failures.add(failure);
                    failed.set();
                })) {
                    while (true) {
                        Connection c = listener.accept();
                        connections.async(() -> echoLines(c));
                    }
                }
            });
            try (Connection first = io.net().connect(listener.localAddress())) {
                assertEquals("hello", exchange(first, "hello"));
                try (Connection bad = io.net().connect(listener.localAddress())) {
                    send(bad, "boom");
                    assertNull(bad.reader().takeDelimiterExclusive('\n', 100), "the failed handler closed its connection");
                }
                failed.await();
                assertEquals("still served", exchange(first, "still served"));
                try (Connection later = io.net().connect(listener.localAddress())) {
                    assertEquals("a new one too", exchange(later, "a new one too"));
                }
            }
            assertThrows(CanceledException.class, server::cancel);
        }
        assertEquals(1, failures.size());
        assertEquals("boom", failures.get(0).getMessage());
    }

    /** A connection's handler: echoes each line; a line "boom" makes it throw. */
    private static void echoLines(Connection c) throws IOException {
        try (c) {
            for (ByteBuffer line; (line = c.reader().takeDelimiterExclusive('\n', 100)) != null; ) {
                String text = StandardCharsets.US_ASCII.decode(line).toString();
                if (text.equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                c.writer().print(text + "\n");
                c.writer().flush();
            }
        }
    }

    private static void send(Connection c, String line) throws IOException {
        c.writer().print(line + "\n");
        c.writer().flush();
    }

    private static String exchange(Connection c, String line) throws IOException {
        send(c, line);
        ByteBuffer answer = c.reader().takeDelimiterExclusive('\n', 100);
        return answer == null ? null : StandardCharsets.US_ASCII.decode(answer).toString();
    }

    /**
     * One round: {@value #RACE_THREADS} plain threads start members while one of them, partway, starts a
     * member that fails at once. A member started once its starter saw the group failed must never
     * run, and its future must have ended canceled already.
     */
    private static void failWhileStarting(Io io, int round) throws Exception {
        AtomicInteger escaped = new AtomicInteger();
        AtomicInteger who = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(RACE_THREADS);
        int failAt = round % 20;
        try (Group<IOException> g = io.group()) {
            Threads starters = new Threads().start(RACE_THREADS, () -> {
                boolean failer = who.getAndIncrement() == 0;
                go.countDown();
                go.await();
                for (int i = 0; i < RACE_STARTS; i++) {
                    if (failer && i == failAt) {
                        g.async(() -> FutureCases.readFails("instant failure"));
                    }
                    boolean failedBefore = g.isFailed();
                    Future<Integer, IOException> f = g.async(() -> failedBefore ? escaped.incrementAndGet() : 0);
                    if (failedBefore) {
                        if (f.state() != State.CANCELLED) {
                            escaped.incrementAndGet();
                        }
                        return;
                    }
                }
            });
            starters.join(io);
            assertThrows(IOException.class, g::await);
        }
        assertEquals(0, escaped.get(), "round " + round + ": members started after the group had failed ran");
    }
}
