package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitDouble;
import static io.zsync.weaver.harness.Leaf.awaitLong;
import static io.zsync.weaver.harness.Leaf.awaitRef;

import java.util.Arrays;

/** Every JVM local type live across a suspension. */
public final class LocalShapes {

    private LocalShapes() {}

    public static int intLocal() {
        int a = 7;
        int b = await(3);
        return a * 10 + b;
    }

    public static long longLocal() {
        long a = 1L << 40;
        long b = awaitLong(5);
        return a + b;
    }

    public static float floatLocal() {
        float f = 1.5f;
        await(1);
        return f * 2;
    }

    public static double doubleLocal() {
        double d = Math.PI;
        double e = awaitDouble(2.5);
        return d * e;
    }

    public static boolean booleanLocal() {
        boolean flag = true;
        boolean other = false;
        int x = await(1);
        return flag && !other && x == 1;
    }

    public static byte byteLocal() {
        byte b = (byte) 200;
        await(1);
        return (byte) (b + 1);
    }

    public static String charLocal() {
        char c = 'z';
        await(0);
        return c + "!" + (char) (c - 1);
    }

    public static short shortLocal() {
        short s = -12345;
        await(2);
        return (short) (s * 2);
    }

    public static String referenceLocals() {
        String s = "hello";
        StringBuilder sb = new StringBuilder();
        sb.append(awaitRef("x"));
        sb.append(awaitRef(" y"));
        return s + sb;
    }

    public static String arrayLocals() {
        int[] ints = {1, 2, 3};
        String[][] grid = {{"a", "b"}, {"c"}};
        long[] longs = new long[2];
        ints[1] = await(ints[1] + 10);
        longs[1] = awaitLong(9);
        return Arrays.toString(ints) + grid[1][0] + Arrays.toString(longs);
    }

    public static String nullLocal() {
        String s = null;
        Object o = awaitRef("v");
        return s == null ? "null-" + o : s;
    }

    public static String nullThenAssigned() {
        Object found = null;
        for (int i = 0; i < 3; i++) {
            if (found == null && await(i) == 1) {
                found = "at " + i;
            }
        }
        return String.valueOf(found);
    }

    public static int deadLocalsAreNotNeeded() {
        int dead = 5;
        int live = dead * 2;
        int x = await(live);
        dead = x;
        return dead + live;
    }

    public static String everyTypeAtOnce() {
        boolean z = true;
        byte b = 3;
        char c = 'q';
        short s = 300;
        int i = -1;
        long j = Long.MIN_VALUE + 1;
        float f = -0.0f;
        double d = Double.MAX_VALUE;
        String r = "ref";
        int[] a = {4};
        Object n = null;
        int first = await(1);
        long second = awaitLong(2);
        return z + "," + b + "," + c + "," + s + "," + i + "," + j + "," + f + "," + d + "," + r + "," + a[0] + ","
                + n + "," + first + "," + second;
    }

    public static long parametersLive() {
        return withParameters(3, 1L << 33, 0.25, "p");
    }

    static long withParameters(int a, long b, double c, String d) {
        int x = await(a);
        long y = awaitLong(b);
        return x + y + (long) (c * 100) + d.length();
    }

    public static double wideArguments() {
        return wide(1L << 50, 3.5, -7L);
    }

    static double wide(long a, double b, long c) {
        double first = awaitDouble(b);
        long second = awaitLong(a + c);
        return first + second + a + b + c;
    }
}
