package io.zsync.tck.corpus;

import io.zsync.Io;
import io.zsync.coroutine.Coroutine;
import io.zsync.coroutine.Suspendable;
import io.zsync.weaver.harness.LeafFailure;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The weaver's {@code io.zsync.weaver.harness.Leaf}, made of real zsync waits: the same static
 * methods (names and descriptors), so that the corpus, remapped from {@code Leaf} to this class,
 * suspends through an {@link Io} instead of the weaver's test carrier. Every call suspends: it
 * yields to the other tasks, or every third call sleeps for a nanosecond (through the backend's
 * timers), and then returns its argument; {@link #fail} throws the harness's {@link LeafFailure}
 * after suspending, as {@code Leaf.fail} does.
 *
 * <p>The {@link Io} is a static set by the test for one run ({@link #runOn}): the leaves are static
 * methods called from code that cannot pass it, and the test runs one shape at a time.
 */
public final class IoLeaf {

    private static final MethodHandle NEW_LEAF_FAILURE = leafFailureConstructor();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final AtomicInteger CALLS_IN_COROUTINE = new AtomicInteger();
    private static volatile Io io;

    private IoLeaf() {}

    /** Makes the leaves wait on {@code io} from now on, and restarts their counts. */
    static void runOn(Io io) {
        IoLeaf.io = Objects.requireNonNull(io);
        CALLS.set(0);
        CALLS_IN_COROUTINE.set(0);
    }

    /** How many leaf calls were made since {@link #runOn}; a call resumed after its wait counts once. */
    static int calls() {
        return CALLS.get();
    }

    /**
     * How many of the {@link #calls} went on after their wait inside a coroutine (on an event loop
     * of {@code evented}): calls that suspended their task through the woven frames and were resumed.
     */
    static int callsInCoroutine() {
        return CALLS_IN_COROUTINE.get();
    }

    /** Returns {@code value} after a suspension. */
    @Suspendable
    public static int await(int value) {
        suspend();
        return value;
    }

    /** Returns {@code value} after a suspension. */
    @Suspendable
    public static long awaitLong(long value) {
        suspend();
        return value;
    }

    /** Returns {@code value} after a suspension. */
    @Suspendable
    public static double awaitDouble(double value) {
        suspend();
        return value;
    }

    /** Returns {@code value} after a suspension. */
    @Suspendable
    public static <T> T awaitRef(T value) {
        suspend();
        return value;
    }

    /** Suspends. */
    @Suspendable
    public static void pause() {
        suspend();
    }

    /** Throws {@code LeafFailure(message)} after a suspension; declared {@code int} as {@code Leaf.fail} is. */
    @Suspendable
    public static int fail(String message) {
        suspend();
        throw newLeafFailure(message);
    }

    @Suspendable
    private static void suspend() {
        if (CALLS.incrementAndGet() % 3 == 0) {
            io.sleep(Duration.ofNanos(1));
        } else {
            io.yieldNow();
        }
        if (Coroutine.current() != null) {
            CALLS_IN_COROUTINE.incrementAndGet();
        }
    }

    /** {@link LeafFailure}'s constructor is package-private to the harness: reached reflectively. */
    private static LeafFailure newLeafFailure(String message) {
        try {
            return (LeafFailure) NEW_LEAF_FAILURE.invokeExact(message);
        } catch (Throwable t) {
            throw new AssertionError("cannot construct LeafFailure", t);
        }
    }

    private static MethodHandle leafFailureConstructor() {
        try {
            return MethodHandles.privateLookupIn(LeafFailure.class, MethodHandles.lookup())
                    .findConstructor(LeafFailure.class, MethodType.methodType(void.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
