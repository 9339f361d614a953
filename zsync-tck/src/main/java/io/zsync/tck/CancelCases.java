package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CancelProtection;
import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.Queue;
import io.zsync.Semaphore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancellation: exact delivery, forwarding through awaits, protection, and resources left intact.
 * A task that must see its own cancellation request before it goes on spins on
 * {@link Io#cancelRequested()}: that orders the test without any sleep.
 */
final class CancelCases {

    private CancelCases() {}

    static List<Case> cases() {
        String area = "cancel";
        return List.of(
                Case.concurrent(area, "cancel of a sleeping task returns promptly with CanceledException", io -> {
                    Event asleep = io.event();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        asleep.set();
                        io.sleep(Duration.ofDays(1));
                    });
                    asleep.await();
                    assertThrows(CanceledException.class, f::cancel);
                    assertTrue(f.isDone());
                }),
                Case.concurrent(area, "a canceled task's primitive that need not wait completes; the next wait or checkCancel throws", io -> {
                    Queue<String> q = io.queue(1);
                    q.put("ready");
                    Mutex m = io.mutex();
                    Future<Void, RuntimeException> finished = io.concurrent(() -> {});
                    finished.await();
                    List<String> seen = new CopyOnWriteArrayList<>();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        for (int spins = 0; !io.cancelRequested(); spins++) {
                            if (spins == 10_000_000) {
                                throw new AssertionError("the cancel request never arrived");
                            }
                            io.yieldNow();
                        }
                        seen.add(q.get());     // an element is there: no wait
                        m.lock();              // nobody holds it: no wait
                        m.unlock();
                        seen.add("locked");
                        finished.await();      // already done: no wait
                        seen.add("awaited");
                        io.checkCancel();
                        seen.add("not canceled");
                    });
                    assertThrows(CanceledException.class, f::cancel);
                    assertEquals(List.of("ready", "locked", "awaited"), seen);
                }),
                Case.concurrent(area, "cancel of a task blocked on an event", io -> {
                    Event never = io.event();
                    Future<Void, RuntimeException> f = io.concurrent(() -> never.await());
                    assertThrows(CanceledException.class, f::cancel);
                    assertFalse(never.isSet());
                }),
                Case.concurrent(area, "cancel passes through a chain of nested awaits", io -> {
                    Queue<Future<?, ?>> innermost = io.queue(1);
                    Event ready = io.event();
                    Future<Object, RuntimeException> outer = io.concurrent(() -> io.concurrent(() -> {
                        Future<Void, RuntimeException> leaf = io.concurrent(() -> {
                            ready.set();
                            io.sleep(Duration.ofDays(1));
                        });
                        innermost.put(leaf);
                        return leaf.await();
                    }).await());
                    ready.await();
                    Future<?, ?> leaf = innermost.get();
                    assertThrows(CanceledException.class, outer::cancel);
                    assertTrue(leaf.isDone(), "the innermost task was not waited for");
                    assertThrows(CanceledException.class, leaf::await);
                }),
                Case.concurrent(area, "a canceled awaiter leaves the awaited task's result for a later await", io -> {
                    Queue<Future<Integer, RuntimeException>> inner = io.queue(1);
                    Future<Integer, RuntimeException> outer = io.concurrent(() -> {
                        Future<Integer, RuntimeException> f = io.concurrent(() -> {
                            Spin.untilCancelRequested(io);
                            return 7;
                        });
                        inner.put(f);
                        return f.await();
                    });
                    Future<Integer, RuntimeException> f = inner.get();
                    assertThrows(CanceledException.class, outer::cancel);
                    assertEquals(7, f.await());
                }),
                Case.concurrent(area, "a cancel request is delivered once", io -> {
                    Event asleep = io.event();
                    Future<String, RuntimeException> f = io.concurrent(() -> {
                        asleep.set();
                        try {
                            io.sleep(Duration.ofDays(1));
                            return "not canceled";
                        } catch (CanceledException e) {
                            io.sleep(Duration.ZERO);
                            io.checkCancel();
                            return "delivered once";
                        }
                    });
                    asleep.await();
                    assertEquals("delivered once", f.cancel());
                }),
                Case.concurrent(area, "recancel re-arms a delivered request", io -> {
                    Event asleep = io.event();
                    Future<String, RuntimeException> f = io.concurrent(() -> {
                        asleep.set();
                        try {
                            io.sleep(Duration.ofDays(1));
                        } catch (CanceledException e) {
                            io.recancel();
                        }
                        io.checkCancel();
                        return "not re-armed";
                    });
                    asleep.await();
                    assertThrows(CanceledException.class, f::cancel);
                }),
                Case.concurrent(area, "protectCancel defers delivery until the scope closes", io -> {
                    AtomicBoolean sleptInside = new AtomicBoolean();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        try (CancelProtection p = io.protectCancel()) {
                            Spin.untilCancelRequested(io);
                            io.sleep(Duration.ofMillis(1));
                            sleptInside.set(true);
                        }
                        io.checkCancel();
                    });
                    assertThrows(CanceledException.class, f::cancel);
                    assertTrue(sleptInside.get(), "a protected sleep was interrupted");
                }),
                Case.concurrent(area, "protection scopes nest: the outer one still protects", io -> {
                    Future<String, RuntimeException> f = io.concurrent(() -> {
                        try (CancelProtection outer = io.protectCancel()) {
                            try (CancelProtection inner = io.protectCancel()) {
                                Spin.untilCancelRequested(io);
                            }
                            io.checkCancel();
                            return "outer scope protected";
                        }
                    });
                    assertEquals("outer scope protected", f.cancel());
                }),
                Case.concurrent(area, "checkCancel throws once cancellation was requested", io -> {
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        Spin.untilCancelRequested(io);
                        io.checkCancel();
                    });
                    assertThrows(CanceledException.class, f::cancel);
                }),
                Case.concurrent(area, "a task that finishes despite the request hands its result to cancel", io -> {
                    Future<Integer, RuntimeException> f = io.concurrent(() -> {
                        Spin.untilCancelRequested(io);
                        return 5;
                    });
                    assertEquals(5, f.cancel());
                }),
                Case.concurrent(area, "a task canceled before it blocks throws at its first cancellation point", io -> {
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        Spin.untilCancelRequested(io);
                        io.sleep(Duration.ZERO);
                    });
                    assertThrows(CanceledException.class, f::cancel);
                }),
                Case.of(area, "no cancellation is requested of a task nobody canceled", io -> {
                    assertFalse(io.async(io::cancelRequested).await());
                    assertFalse(io.cancelRequested());
                }),
                Case.of(area, "checkCancel outside any task never throws", io -> {
                    io.checkCancel();
                    io.recancel();
                    io.checkCancel();
                }).onThreadOnly("it checks a thread that runs no task"),
                Case.concurrent(area, "a canceled Queue.get takes nothing and the queue stays usable", io -> {
                    Queue<Integer> q = io.queue(2);
                    Event waiting = io.event();
                    Future<Integer, RuntimeException> f = io.concurrent(() -> {
                        waiting.set();
                        return q.get();
                    });
                    waiting.await();
                    assertThrows(CanceledException.class, f::cancel);
                    q.put(1);
                    q.put(2);
                    assertEquals(1, q.get());
                    assertEquals(2, q.get());
                }),
                Case.concurrent(area, "a canceled Mutex.lock does not hold the lock", io -> {
                    Mutex m = io.mutex();
                    m.lock();
                    Event waiting = io.event();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        waiting.set();
                        m.lock();
                    });
                    waiting.await();
                    assertThrows(CanceledException.class, f::cancel);
                    m.unlock();
                    assertTrue(m.tryLock(), "the canceled waiter was handed the lock");
                    m.unlock();
                }),
                Case.concurrent(area, "a canceled Semaphore.acquire takes no permit", io -> {
                    Semaphore s = io.semaphore(0);
                    Event waiting = io.event();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        waiting.set();
                        s.acquire();
                    });
                    waiting.await();
                    assertThrows(CanceledException.class, f::cancel);
                    s.release();
                    assertEquals(1, s.available());
                }),
                Case.concurrent(area, "an uncancelable get waits through a cancel request", io -> {
                    Queue<Integer> q = io.queue(1);
                    Event requested = io.event();
                    Future<Integer, RuntimeException> f = io.concurrent(() -> {
                        Spin.untilCancelRequested(io);
                        requested.set();
                        return q.getUncancelable();
                    });
                    AtomicReference<Object> outcome = new AtomicReference<>();
                    Threads canceler = new Threads().start(() -> outcome.set(f.cancel()));
                    requested.await();
                    q.put(9);
                    canceler.join(io);
                    assertEquals(9, outcome.get());
                }));
    }
}
