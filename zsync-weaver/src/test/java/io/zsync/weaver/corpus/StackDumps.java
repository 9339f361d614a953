package io.zsync.weaver.corpus;

import io.zsync.weaver.harness.ParkingLeaf;
import io.zsync.weaver.harness.UnregisteredMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * Chains of woven methods that suspend, for {@code Coroutine.suspendedAt()}: not part of the
 * equivalence corpus. Their frames differ in size, so that a walk over them must skip each one's
 * slots exactly. No static state: this class has no static initialiser of its own.
 */
public final class StackDumps {

    private StackDumps() {}

    /** a() -> b() -> park, a keeping a long and a string across the call. */
    public static String a() {
        long started = System.nanoTime();
        String label = "a";
        int depth = b(3);
        return label + depth + started;
    }

    static int b(int n) {
        ParkingLeaf.park();
        return n;
    }

    /** Recursion: n + 1 frames of the same method, the innermost one parked. */
    public static int depth(int n) {
        if (n == 0) {
            ParkingLeaf.park();
            return 0;
        }
        return depth(n - 1) + n;
    }

    /** Suspended in an interface's default method. */
    public static int viaDefault() {
        return new Car().parkHere(7);
    }

    /** Suspended below a frame whose method never registered. */
    public static int unknownBelow() {
        int kept = 5;
        UnregisteredMethod.park();
        return kept;
    }

    /** An interface with a woven default method: the weaver gives it a static initialiser. */
    public interface Parking {
        default int parkHere(int x) {
            ParkingLeaf.park();
            return x;
        }
    }

    /** Implements {@link Parking} without overriding it. */
    public static final class Car implements Parking {}

    /** A class with a static initialiser of its own: registration goes before it, which runs as written. */
    public static final class Initialised {

        /** The order in which the static initialiser's parts ran. */
        public static final List<String> ORDER = new ArrayList<>();
        public static int initialisations;

        static {
            ORDER.add("first");
            initialisations++;
        }

        public static final String SECOND = record("second");

        private Initialised() {}

        private static String record(String part) {
            ORDER.add(part);
            return part;
        }

        public static void parkHere() {
            ParkingLeaf.park();
        }
    }
}
