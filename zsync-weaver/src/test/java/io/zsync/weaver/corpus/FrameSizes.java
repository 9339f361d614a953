package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitRef;

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
}
