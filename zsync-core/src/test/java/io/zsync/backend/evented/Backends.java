package io.zsync.backend.evented;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** An evented backend whose loops record what they would report, so that a test can assert there was nothing. */
final class Backends implements AutoCloseable {

    final EventedBackend backend;
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    Backends(int loops) {
        backend = new EventedBackend(loops, 2, 0);
        for (EventLoop loop : backend.loops) {
            loop.setUncaughtExceptionHandler((thread, failure) -> failures.add(failure));
        }
    }

    EventLoop loop(int index) {
        return backend.loops[index];
    }

    /** Waits (bounded: no test waits for ever) for {@code latch}, naming {@code what} it waits for if it times out. */
    static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("waited 10 s for " + what);
        }
    }

    /** Code to run on a loop thread; it may throw, assertions included. */
    interface LoopCode {
        void run() throws Exception;
    }

    /**
     * Runs {@code code} on {@code loop}, as a command, and waits (bounded) for it, rethrowing what it
     * threw. Everything queued on the loop before it has run by then.
     */
    static void onLoop(EventLoop loop, LoopCode code) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        loop.submit(() -> {
            try {
                code.run();
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                done.countDown();
            }
        });
        await(done, "the loop to run a command");
        if (thrown.get() instanceof Exception e) {
            throw e;
        }
        if (thrown.get() instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void close() {
        backend.close();
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("the loops reported failures");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
