package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Held;
import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.RwLock;
import io.zsync.Semaphore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Mutex, semaphore and readers-writer lock: exclusion, hand-off, misuse. */
final class LockCases {

    private LockCases() {}

    static List<Case> cases() {
        String area = "lock";
        return List.of(
                Case.of(area, "mutex exclusion under contention between threads", io -> {
                    Mutex m = io.mutex();
                    int[] counter = {0};
                    new Threads().start(4, () -> incrementLocked(m, counter, 20_000)).join(io);
                    assertEquals(80_000, counter[0]);
                }),
                Case.concurrent(area, "mutex exclusion under contention between tasks", io -> {
                    Mutex m = io.mutex();
                    int[] counter = {0};
                    try (Group<RuntimeException> g = io.group()) {
                        for (int t = 0; t < 3; t++) {
                            g.concurrent(() -> incrementLocked(m, counter, 20_000));
                        }
                        g.await();
                    }
                    assertEquals(60_000, counter[0]);
                }),
                Case.of(area, "withLock and hold run code holding the mutex, rwlock or a permit, and release it however the code ends", io -> {
                    Mutex m = io.mutex();
                    assertEquals(5, m.withLock(() -> {
                        assertTrue(m.isLocked());
                        return 5;
                    }));
                    assertFalse(m.isLocked());
                    IOException boom = new IOException("boom");
                    assertSame(boom, assertThrows(IOException.class, () -> m.withLock(() -> {
                        throw boom;
                    })));
                    assertFalse(m.isLocked(), "a task that threw left the mutex locked");
                    try (Held held = m.hold()) {
                        assertTrue(m.isLocked());
                        held.close();
                        assertFalse(m.isLocked());
                    } // closing again does nothing
                    assertTrue(m.tryLock());
                    m.unlock();

                    RwLock rw = io.rwLock();
                    assertEquals("written", rw.withLock(() -> rw.tryLockShared() ? "shared too" : "written"));
                    assertEquals("read", rw.withSharedLock(() -> rw.tryLock() ? "exclusive too" : "read"));
                    try (Held shared = rw.holdShared(); Held another = rw.holdShared()) {
                        assertFalse(rw.tryLock(), "two shared holds let a writer in");
                    }
                    try (Held exclusive = rw.hold()) {
                        assertFalse(rw.tryLockShared());
                    }
                    assertTrue(rw.tryLock());
                    rw.unlock();

                    Semaphore permits = io.semaphore(2);
                    assertEquals(1, permits.withPermit(permits::available));
                    try (Held one = permits.hold()) {
                        assertEquals(1, permits.available());
                    }
                    assertEquals(2, permits.available());
                }),
                Case.concurrent(area, "withLock waits for the holder, and a withLock canceled before it got the lock runs nothing", io -> {
                    Mutex m = io.mutex();
                    m.lock();
                    AtomicInteger ran = new AtomicInteger();
                    Future<Integer, RuntimeException> waiter = io.concurrent(() -> m.withLock(ran::incrementAndGet));
                    Future<Integer, RuntimeException> second = io.concurrent(() -> m.withLock(ran::incrementAndGet));
                    assertThrows(CanceledException.class, waiter::cancel);
                    m.unlock();
                    assertEquals(1, second.await());
                    assertEquals(1, ran.get(), "the canceled withLock ran its task");
                    assertFalse(m.isLocked());
                }),
                Case.of(area, "mutex tryLock fails while held and succeeds after unlock", io -> {
                    Mutex m = io.mutex();
                    assertTrue(m.tryLock());
                    assertTrue(m.isLocked());
                    assertFalse(io.async(m::tryLock).await());
                    m.unlock();
                    assertTrue(io.async(() -> {
                        boolean got = m.tryLock();
                        m.unlock();
                        return got;
                    }).await());
                    assertFalse(m.isLocked());
                }),
                Case.of(area, "mutex unlock by a task that does not hold it fails clearly", io -> {
                    Mutex m = io.mutex();
                    assertThrows(IllegalMonitorStateException.class, m::unlock);
                    m.lock();
                    assertThrows(IllegalMonitorStateException.class, () -> io.async(m::unlock).await());
                    m.unlock();
                }),
                Case.of(area, "mutex is not reentrant and says so", io -> {
                    Mutex m = io.mutex();
                    m.lock();
                    IllegalStateException e = assertThrows(IllegalStateException.class, m::lock);
                    assertTrue(e.getMessage().contains("reentrant"), e.getMessage());
                    m.unlock();
                }),
                Case.of(area, "mutex unlock hands the lock to a waiting thread", io -> {
                    Mutex m = io.mutex();
                    m.lock();
                    AtomicInteger got = new AtomicInteger();
                    Threads waiter = new Threads().start(() -> {
                        m.lock();
                        got.incrementAndGet();
                        m.unlock();
                    });
                    waiter.awaitLastParked();
                    assertEquals(0, got.get());
                    m.unlock();
                    waiter.join(io);
                    assertEquals(1, got.get());
                }),
                Case.concurrent(area, "mutex lockUncancelable takes the lock despite a cancel request", io -> {
                    Mutex m = io.mutex();
                    m.lock();
                    Event requested = io.event();
                    Future<Boolean, RuntimeException> f = io.concurrent(() -> {
                        Spin.untilCancelRequested(io);
                        requested.set();
                        m.lockUncancelable();
                        m.unlock();
                        return true;
                    });
                    Threads canceler = new Threads().start(() -> assertTrue(f.cancel()));
                    requested.await();
                    m.unlock();
                    canceler.join(io);
                }),
                Case.of(area, "semaphore never lets more than its permits in", io -> {
                    Semaphore s = io.semaphore(2);
                    AtomicInteger inside = new AtomicInteger();
                    AtomicInteger most = new AtomicInteger();
                    new Threads().start(6, () -> {
                        for (int i = 0; i < 2_000; i++) {
                            s.acquire();
                            try {
                                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                inside.decrementAndGet();
                            } finally {
                                s.release();
                            }
                        }
                    }).join(io);
                    assertTrue(most.get() >= 1 && most.get() <= 2, "most inside at once: " + most.get());
                    assertEquals(2, s.available());
                }),
                Case.of(area, "semaphore tryAcquire takes free permits only", io -> {
                    Semaphore s = io.semaphore(1);
                    assertTrue(s.tryAcquire());
                    assertFalse(s.tryAcquire());
                    s.release();
                    assertEquals(1, s.available());
                }),
                Case.of(area, "semaphore release hands the permit to a waiting thread", io -> {
                    Semaphore s = io.semaphore(0);
                    Threads waiter = new Threads().start(s::acquire);
                    waiter.awaitLastParked();
                    s.release();
                    waiter.join(io);
                    assertEquals(0, s.available());
                }),
                Case.of(area, "semaphore with negative permits is refused", io ->
                        assertThrows(IllegalArgumentException.class, () -> io.semaphore(-1))),
                Case.of(area, "rwlock readers share, a writer excludes", io -> {
                    RwLock rw = io.rwLock();
                    assertTrue(rw.tryLockShared());
                    assertTrue(rw.tryLockShared());
                    assertFalse(rw.tryLock());
                    rw.unlockShared();
                    rw.unlockShared();
                    assertTrue(rw.tryLock());
                    assertFalse(rw.tryLockShared());
                    assertFalse(rw.tryLock());
                    rw.unlock();
                }),
                Case.of(area, "rwlock: a waiting writer holds back later readers", io -> {
                    RwLock rw = io.rwLock();
                    rw.lockShared();
                    Threads writer = new Threads().start(() -> {
                        rw.lock();
                        rw.unlock();
                    });
                    writer.awaitLastParked();
                    assertFalse(rw.tryLockShared(), "a reader overtook the waiting writer");
                    rw.unlockShared();
                    writer.join(io);
                    assertTrue(rw.tryLockShared());
                    rw.unlockShared();
                }),
                Case.of(area, "rwlock keeps a counter exact under mixed readers and writers", io -> {
                    RwLock rw = io.rwLock();
                    int[] counter = {0};
                    new Threads().start(3, () -> {
                        for (int i = 0; i < 10_000; i++) {
                            rw.lock();
                            try {
                                counter[0]++;
                            } finally {
                                rw.unlock();
                            }
                            rw.lockShared();
                            try {
                                assertTrue(counter[0] > 0);
                            } finally {
                                rw.unlockShared();
                            }
                        }
                    }).join(io);
                    assertEquals(30_000, counter[0]);
                }),
                Case.of(area, "rwlock unlock without holding it fails clearly", io -> {
                    RwLock rw = io.rwLock();
                    assertThrows(IllegalMonitorStateException.class, rw::unlock);
                    assertThrows(IllegalMonitorStateException.class, rw::unlockShared);
                }),
                Case.concurrent(area, "rwlock: a canceled waiting writer lets the readers behind it through", io -> {
                    RwLock rw = io.rwLock();
                    rw.lockShared();
                    Future<Void, RuntimeException> writer = io.concurrent(rw::lock);
                    awaitWaitingWriter(io, rw);
                    Threads reader = new Threads().start(() -> {
                        rw.lockShared();
                        rw.unlockShared();
                    });
                    reader.awaitLastParked();
                    assertThrows(CanceledException.class, writer::cancel);
                    reader.join(io);
                    rw.unlockShared();
                    assertTrue(rw.tryLock());
                    rw.unlock();
                }));
    }

    private static void incrementLocked(Mutex m, int[] counter, int times) {
        for (int i = 0; i < times; i++) {
            m.lock();
            try {
                counter[0]++;
            } finally {
                m.unlock();
            }
        }
    }

    /**
     * Returns once a writer waits on {@code rw}, which the caller holds shared: from then on a
     * new shared hold is refused, since waiting writers hold back later readers. It yields as it
     * spins, so that the writer runs meanwhile even where it shares a loop thread with the caller.
     */
    private static void awaitWaitingWriter(Io io, RwLock rw) {
        while (rw.tryLockShared()) {
            rw.unlockShared();
            io.yieldNow();
        }
    }
}
