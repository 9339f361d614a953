package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitRef;

import io.zsync.coroutine.Suspendable;

/** Small methods whose frame sizes the tests check by hand. */
public final class FrameSizes {

    private FrameSizes() {}

    /** Saves b (a is dead): 1 + 1 primitive slots, the header's reference. */
    public static int oneInt(int a) {
        int b = a * 2;
        int c = await(a);
        return b + c;
    }

    /** Saves t from the stack, d and n: 1 + 1 reference slots, 2 + 1 primitive ones. */
    public static String mixed(String s, long n) {
        String t = s + "x";
        double d = n / 2.0;
        return t + awaitRef(s) + d + n;
    }

    /** Two suspend points; the receiver of the second is saved; this is not (it never changes). */
    public int instance(StringBuilder out) {
        int x = await(1);
        out.append(x);
        return out.append(awaitRef("y")).length() + x;
    }

    /** A strand-like object whose suspending method is called on it, in a loop, from a local. */
    public static final class Parker {
        private int parks;

        /** Whether it was woken: after {@code wakeAfter} parks, counting from the first. */
        @Suspendable
        public boolean park(long wakeAfter) {
            parks += await(1);
            return parks >= wakeAfter;
        }

        /** The receiver is {@code this}, never saved: 1 reference slot; d and i, 1 + 2 primitive ones. */
        public int parkSelf(long d) {
            int i = 0;
            while (!park(d)) {
                i++;
            }
            return i;
        }
    }

    /**
     * The receiver comes from local s, live anyway: s is saved once, as a local, not again as the
     * receiver; 1 + 1 reference slots, d and i, 1 + 2 primitive ones.
     */
    public static int parkLoop(Parker s, long d) {
        int i = 0;
        while (true) {
            i++;
            if (s.park(d)) {
                return i;
            }
        }
    }

    /** The receiver's local is dead after the call, but re-invocation needs it: saved, 1 + 1 reference slots. */
    public static boolean parkOnce(long d) {
        Parker s = new Parker();
        return s.park(d);
    }
}
