package io.zsync.tck.leaks;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for the collector and the leak reaper to report an object the test made unreachable. */
final class UnreachableLeaks {

    /** Full collections to ask for before giving up: one is enough on HotSpot's collectors. */
    private static final int COLLECTIONS = 20;
    /** Polls after each collection, a millisecond apart. */
    private static final int POLLS = 500;

    private UnreachableLeaks() {}

    /** Returns once {@code reported} holds; fails after {@value #COLLECTIONS} collections without. */
    static void awaitReported(BooleanSupplier reported) {
        for (int collection = 0; collection < COLLECTIONS; collection++) {
            System.gc();
            for (int poll = 0; poll < POLLS; poll++) {
                if (reported.getAsBoolean()) {
                    return;
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
        fail("the unreachable object was never reported, after " + COLLECTIONS + " full collections");
    }
}
