package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitLong;
import static io.zsync.weaver.harness.Leaf.awaitRef;
import static io.zsync.weaver.harness.Leaf.pause;

/** Loops, branches and recursion around suspensions. */
public final class ControlShapes {

    private ControlShapes() {}

    public static int nestedLoops() {
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                sum += await(i * j) + i;
            }
        }
        return sum;
    }

    public static int whileWithBreakAndContinue() {
        int i = 0;
        int total = 0;
        while (true) {
            i++;
            if (await(i) % 3 == 0) {
                continue;
            }
            if (i > 10) {
                break;
            }
            total += i;
        }
        return total;
    }

    public static String switches() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            switch (await(i)) {
                case 0 -> out.append("zero");
                case 1 -> out.append(awaitRef("one"));
                default -> out.append(i);
            }
            out.append(switch (awaitRef(i % 2 == 0 ? "even" : "odd")) {
                case "even" -> await(2);
                default -> 3;
            });
        }
        return out.toString();
    }

    public static int earlyReturnInLoop() {
        for (int i = 0; i < 100; i++) {
            if (await(i) * i > 30) {
                return i;
            }
        }
        return -1;
    }

    public static long longCounter() {
        long total = 0;
        for (long i = 0; i < 5; i++) {
            total += awaitLong(i * i);
            pause();
        }
        return total;
    }

    static int fibonacci(int n) {
        if (n < 2) {
            return await(n);
        }
        return fibonacci(n - 1) + fibonacci(n - 2);
    }

    public static int recursion() {
        return fibonacci(10);
    }

    static boolean isEven(int n) {
        return n == 0 || isOdd(await(n) - 1);
    }

    static boolean isOdd(int n) {
        return n != 0 && isEven(n - 1);
    }

    public static String mutualRecursion() {
        return isEven(10) + " " + isOdd(7) + " " + isEven(3);
    }

    public static int doWhile() {
        int n = 0;
        int steps = 0;
        do {
            n += await(3);
            steps++;
        } while (n < 20);
        return steps * 100 + n;
    }
}
