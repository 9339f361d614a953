package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitRef;

import java.util.List;

/** Shapes that misuse the protocol on purpose: not part of the equivalence corpus. */
public final class Misuse {

    private Misuse() {}

    /** The lambda is woven, but List.forEach between it and this method is not. */
    public static int suspendInsideForEach() {
        int[] sum = {0};
        List.of(1, 2, 3).forEach(x -> sum[0] += await(x));
        return sum[0];
    }

    public static String first() {
        return awaitRef("first");
    }

    public static String second() {
        return awaitRef("second");
    }
}
