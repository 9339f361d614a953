package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.Io;
import io.zsync.coroutine.NeverSuspends;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plain platform threads that run test code beside the test, so that contention and cross-thread
 * wake-ups can be checked even on a backend without concurrency. {@link #join(Io)} rethrows the
 * first failure of any of them.
 */
final class Threads {

    /** Test code run on a thread of its own, never in a task's coroutine. */
    @FunctionalInterface
    interface Body {
        @NeverSuspends
        void run() throws Exception;
    }

    private final List<Thread> started = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Threads start(Body body) {
        Thread t = Thread.ofPlatform().daemon().name("tck-" + started.size()).start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        started.add(t);
        return this;
    }

    Threads start(int count, Body body) {
        for (int i = 0; i < count; i++) {
            start(body);
        }
        return this;
    }

    /**
     * Waits until the thread started last is parked (blocked in a zsync primitive), by watching
     * its state rather than sleeping.
     */
    void awaitLastParked() {
        awaitParked(last());
    }

    /** Waits until {@code t} is parked, by watching its state rather than sleeping. */
    static void awaitParked(Thread t) {
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (!t.isAlive()) {
                fail("the thread ended instead of waiting");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** The thread started last. */
    Thread last() {
        return started.get(started.size() - 1);
    }

    /**
     * Waits for every thread to end, through {@code io.blocking}: inside a task on {@code evented}
     * a plain {@code Thread.join} would hold up the loop thread, and with it any task that the
     * threads wait for.
     */
    void join(Io io) throws InterruptedException {
        io.blocking(() -> {
            for (Thread t : started) {
                t.join();
            }
            return null;
        });
        Throwable e = failure.get();
        if (e != null) {
            fail("a test thread failed: " + e, e);
        }
    }
}
