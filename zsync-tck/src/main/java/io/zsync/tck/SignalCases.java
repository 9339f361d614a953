package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.Condition;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Mutex;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Condition variables and events: wake-ups, timeouts, re-locking, cancellation. */
final class SignalCases {

    private SignalCases() {}

    static List<Case> cases() {
        String area = "signal";
        return List.of(
                Case.of(area, "condition signal wakes a waiter that re-checks its state", io -> {
                    Mutex m = io.mutex();
                    Condition c = io.condition();
                    boolean[] ready = {false};
                    Threads waiter = new Threads().start(() -> {
                        m.lock();
                        try {
                            while (!ready[0]) {
                                c.await(m);
                            }
                        } finally {
                            m.unlock();
                        }
                    });
                    m.lock();
                    ready[0] = true;
                    c.signal();
                    m.unlock();
                    waiter.join(io);
                }),
                Case.of(area, "condition broadcast wakes every waiter", io -> {
                    Mutex m = io.mutex();
                    Condition c = io.condition();
                    boolean[] go = {false};
                    AtomicInteger woke = new AtomicInteger();
                    Threads waiters = new Threads().start(3, () -> {
                        m.lock();
                        try {
                            while (!go[0]) {
                                c.await(m);
                            }
                            woke.incrementAndGet();
                        } finally {
                            m.unlock();
                        }
                    });
                    m.lock();
                    go[0] = true;
                    c.broadcast();
                    m.unlock();
                    waiters.join(io);
                    assertEquals(3, woke.get());
                }),
                Case.of(area, "condition signal wakes exactly one parked waiter", io -> {
                    Mutex m = io.mutex();
                    Condition c = io.condition();
                    Threads waiter = new Threads().start(() -> {
                        m.lock();
                        c.await(m);
                        m.unlock();
                    });
                    waiter.awaitLastParked();
                    m.lock();
                    c.signal();
                    m.unlock();
                    waiter.join(io);
                }),
                Case.of(area, "condition await with a timeout returns false and holds the mutex again", io -> {
                    Mutex m = io.mutex();
                    Condition c = io.condition();
                    m.lock();
                    assertFalse(c.await(m, Duration.ofMillis(5)));
                    assertTrue(m.isLocked());
                    m.unlock();
                }),
                Case.of(area, "condition await without holding the mutex fails clearly", io -> {
                    Mutex m = io.mutex();
                    Condition c = io.condition();
                    assertThrows(IllegalMonitorStateException.class, () -> c.await(m));
                    c.signal();
                }),
                Case.concurrent(area, "condition await re-holds the mutex even when canceled", io -> {
                    Mutex m = io.mutex();
                    Condition c = io.condition();
                    Event waiting = io.event();
                    Future<String, RuntimeException> f = io.concurrent(() -> {
                        m.lock();
                        try {
                            waiting.set();
                            c.await(m);
                            return "signaled";
                        } catch (CanceledException e) {
                            m.unlock();
                            return "canceled, holding the mutex";
                        }
                    });
                    waiting.await();
                    assertEquals("canceled, holding the mutex", f.cancel());
                    assertFalse(m.isLocked());
                }),
                Case.of(area, "event set wakes every waiting thread", io -> {
                    Event e = io.event();
                    Threads waiters = new Threads().start(3, e::await);
                    e.set();
                    waiters.join(io);
                    assertTrue(e.isSet());
                }),
                Case.of(area, "event await returns at once once set", io -> {
                    Event e = io.event();
                    e.set();
                    e.await();
                    assertTrue(e.await(Duration.ZERO));
                }),
                Case.of(area, "event reset makes waits block again", io -> {
                    Event e = io.event();
                    e.set();
                    e.reset();
                    assertFalse(e.isSet());
                    assertFalse(e.await(Duration.ofMillis(2)));
                }),
                Case.of(area, "event await with a timeout returns false when nobody sets it", io ->
                        assertFalse(io.event().await(Duration.ofMillis(2)))),
                Case.concurrent(area, "a canceled event wait leaves the event untouched", io -> {
                    Event e = io.event();
                    Event waiting = io.event();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        waiting.set();
                        e.await();
                    });
                    waiting.await();
                    assertThrows(CanceledException.class, f::cancel);
                    e.set();
                    assertTrue(e.isSet());
                }));
    }
}
