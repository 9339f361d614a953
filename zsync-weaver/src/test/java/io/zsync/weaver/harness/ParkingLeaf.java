package io.zsync.weaver.harness;

import io.zsync.coroutine.Coroutine;
import io.zsync.coroutine.Suspendable;

/**
 * A leaf for stack dumps: on a carrier it suspends, for good (nothing it returns is needed); off a
 * carrier it throws {@link Parked}, whose stack trace is the JVM's view of where the unwoven code
 * called it: what the woven twin's saved frames must show.
 */
public final class ParkingLeaf {

    private ParkingLeaf() {}

    /** Suspends the coroutine, or, off a carrier, throws {@link Parked}. */
    @Suspendable
    public static void park() {
        Coroutine coroutine = Coroutine.current();
        if (coroutine == null) {
            throw new Parked();
        }
        if (!coroutine.enterLeaf()) {
            coroutine.suspend();
        }
    }

    /** Thrown off a carrier: its stack trace is where {@link #park} was called. */
    public static final class Parked extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Parked() {
            super("parked off a carrier");
        }
    }
}
