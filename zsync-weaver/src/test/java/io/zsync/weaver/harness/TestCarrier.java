package io.zsync.weaver.harness;

import io.zsync.coroutine.Coroutine;
import io.zsync.coroutine.CoroutineCarrier;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;

/**
 * A minimal backend for tests: a carrier thread that steps one coroutine, and resumes it at once
 * each time it suspends. {@link Leaf} asks it whether to suspend, and keeps the value a suspended
 * leaf will return here.
 */
public final class TestCarrier extends CoroutineCarrier {

    /** What a run produced: its value or what it threw, and how often it suspended. */
    public record Outcome(Object value, Throwable thrown, int suspensions) {}

    private final IntPredicate suspendAtCall;
    private int leafCalls;
    private Object pending;

    private TestCarrier(Runnable body, IntPredicate suspendAtCall) {
        super(body, "test-carrier");
        this.suspendAtCall = suspendAtCall;
    }

    /**
     * Runs {@code body} as a coroutine to its end on a new carrier.
     *
     * @param suspendAtCall which leaf calls (numbered from 0) suspend
     */
    public static Outcome run(Callable<?> body, IntPredicate suspendAtCall) {
        Object[] value = new Object[1];
        Throwable[] thrown = new Throwable[1];
        int[] suspensions = new int[1];
        Coroutine.Entry entry = () -> {
            try {
                value[0] = body.call();
                thrown[0] = null;
            } catch (Throwable t) {
                thrown[0] = Reflection.unwrap(t);
            }
        };
        onCarrier(suspendAtCall, () -> {
            Coroutine coroutine = new Coroutine();
            while (!coroutine.step(entry)) {
                suspensions[0]++;
                coroutine.resume(coroutine.generation());
            }
        });
        return new Outcome(value[0], thrown[0], suspensions[0]);
    }

    /** Runs {@code action} on a new carrier and waits for it; rethrows what it throws. */
    public static void onCarrier(IntPredicate suspendAtCall, ThrowingRunnable action) {
        Throwable[] failure = new Throwable[1];
        TestCarrier carrier = new TestCarrier(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, suspendAtCall);
        carrier.start();
        try {
            carrier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the carrier", e);
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    /** A block that may throw anything. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Throwable;
    }

    boolean suspendsNow() {
        return suspendAtCall.test(leafCalls++);
    }

    void suspendWith(Object value) {
        pending = value;
    }

    Object takePending() {
        Object value = pending;
        pending = null;
        return value;
    }
}
