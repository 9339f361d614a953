package io.zsync.weaver.harness;

import io.zsync.coroutine.Coroutine;
import io.zsync.coroutine.Suspendable;

/**
 * Suspending primitives for tests, written by hand to the leaf protocol of {@link Coroutine}: off
 * a carrier each returns its value at once; on a {@link TestCarrier} it suspends when the carrier
 * says so, keeping its value with the carrier, and returns that value when resumed.
 */
public final class Leaf {

    /** What a leaf returns internally when it suspended: its caller saves its frame and ignores the value. */
    private static final Object SUSPENDED = new Object();

    private Leaf() {}

    /** Returns {@code value}, maybe after a suspension. */
    @Suspendable
    public static int await(int value) {
        Object result = settle(value);
        return result == SUSPENDED ? 0 : (Integer) result;
    }

    /** Returns {@code value}, maybe after a suspension. */
    @Suspendable
    public static long awaitLong(long value) {
        Object result = settle(value);
        return result == SUSPENDED ? 0 : (Long) result;
    }

    /** Returns {@code value}, maybe after a suspension. */
    @Suspendable
    public static double awaitDouble(double value) {
        Object result = settle(value);
        return result == SUSPENDED ? 0 : (Double) result;
    }

    /** Returns {@code value}, maybe after a suspension. */
    @Suspendable
    @SuppressWarnings("unchecked")
    public static <T> T awaitRef(T value) {
        Object result = settle(value);
        return result == SUSPENDED ? null : (T) result;
    }

    /** Maybe suspends. */
    @Suspendable
    public static void pause() {
        settle(null);
    }

    /** Throws {@code LeafFailure(message)}, maybe after a suspension: the resumed call itself throws. */
    @Suspendable
    public static int fail(String message) {
        Object settled = settle(message); // resumed, the arguments are dummies: the message is kept with the carrier
        if (settled == SUSPENDED) {
            return 0;
        }
        throw new LeafFailure((String) settled);
    }

    private static Object settle(Object value) {
        Coroutine coroutine = Coroutine.current();
        if (coroutine == null) {
            return value;
        }
        TestCarrier carrier = (TestCarrier) Thread.currentThread();
        if (coroutine.enterLeaf()) {
            return carrier.takePending();
        }
        if (!carrier.suspendsNow()) {
            return value;
        }
        carrier.suspendWith(value);
        coroutine.suspend();
        return SUSPENDED;
    }
}
