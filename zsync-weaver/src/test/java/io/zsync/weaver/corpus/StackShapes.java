package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitDouble;
import static io.zsync.weaver.harness.Leaf.awaitLong;
import static io.zsync.weaver.harness.Leaf.awaitRef;

import java.util.Arrays;
import java.util.Objects;

/** Values on the operand stack across a suspension. */
public final class StackShapes {

    private StackShapes() {}

    static int twice(int x) {
        return 2 * x;
    }

    public static int addAcrossCall() {
        int a = 5;
        return a + twice(await(4));
    }

    public static String arrayStore() {
        int[] arr = new int[3];
        for (int i = 0; i < arr.length; i++) {
            arr[i] = await(i * 7);
        }
        return Arrays.toString(arr);
    }

    static String combine(String a, int b, long c, int d, double e) {
        return a + b + c + d + e;
    }

    public static String outerCallArguments() {
        return combine("a", await(1), 2L, await(3), awaitDouble(4.0));
    }

    public static long severalInOneExpression() {
        return await(1) + await(2) * await(3) - awaitLong(4) + awaitLong(5) * await(6);
    }

    public static String stringConcatenation() {
        int n = 3;
        return "x" + await(1) + "y" + awaitRef("z") + n + awaitLong(7);
    }

    public static int conditional() {
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += i % 2 == 0 ? await(i) : await(-i) * 3;
        }
        return sum;
    }

    public static boolean nullOnTheStack() {
        return Objects.equals(null, awaitRef("b"));
    }

    public static String receiverOnTheStack() {
        return new StringBuilder("a").append(await(1)).append(awaitRef("b")).toString();
    }

    public static long longOnTheStack() {
        return 10L * awaitLong(3) + 1L;
    }

    public static double doubleOnTheStack() {
        return 2.5 * awaitDouble(1.5) - 0.125;
    }

    static int sum(int... values) {
        return Arrays.stream(values).sum();
    }

    public static int varargsArray() {
        return sum(await(1), await(2), await(3));
    }

    public static String nestedCalls() {
        return String.valueOf(twice(twice(await(await(2) + 1))));
    }

    public static String mixedStackTypes() {
        double d = 1.0;
        return "" + (d + awaitDouble(0.5)) + (awaitLong(2) + 3L) + (char) await('c') + awaitRef(null);
    }
}
