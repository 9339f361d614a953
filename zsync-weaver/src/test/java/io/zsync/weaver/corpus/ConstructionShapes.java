package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitDouble;
import static io.zsync.weaver.harness.Leaf.awaitLong;
import static io.zsync.weaver.harness.Leaf.awaitRef;
import static io.zsync.weaver.harness.Leaf.fail;

import io.zsync.weaver.harness.LeafFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Suspensions between a {@code new} and its constructor call: inside the constructor's arguments. */
public final class ConstructionShapes {

    private ConstructionShapes() {}

    record Box(int value) {}

    record Pair(int left, String right) {}

    record Inner(int value) {}

    record Outer(Inner inner, String tag) {}

    record Wide(long big, double ratio, int small, double half) {}

    /** A constructor with a side effect, called for it alone. */
    static final class Sink {
        Sink(List<String> log, int value) {
            log.add("sank " + value);
        }
    }

    static final class ShapeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ShapeFailure(String message) {
            super(message);
        }
    }

    static class Greeting {
        private final String text;

        Greeting(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    static final class Counter {
        int count;

        Counter(int... steps) {
            for (int step : steps) {
                count += step;
            }
        }
    }

    private final int base = 10;

    /** An inner class: its constructor takes the outer instance first. */
    final class Offset {
        final int value;

        Offset(int delta) {
            value = base + delta;
        }
    }

    public static Box box() {
        return new Box(await(1));
    }

    public static Pair pair() {
        return new Pair(await(2), awaitRef("two"));
    }

    public static Outer nested() {
        return new Outer(new Inner(await(3)), awaitRef("outer"));
    }

    public static Outer nestedBeforeAndAfterSuspension() {
        return new Outer(new Inner(7), awaitRef("after a finished new"));
    }

    public static Wide longAndDoubleArguments() {
        long big = 1L << 40;
        return new Wide(awaitLong(big) + 1, 0.25, await(4), awaitDouble(0.5) * 3);
    }

    public static String conditionalArgument() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            boolean flag = i % 2 == 0;
            out.append(new Box(flag ? await(i) : 0)).append(' ');
        }
        return out.toString();
    }

    public static String newInsideConditionalArgument() {
        List<Outer> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(new Outer(i == 1 ? new Inner(await(i)) : new Inner(-i), i == 2 ? awaitRef("two") : "other"));
        }
        return made.toString();
    }

    public static String switchExpressionArgument() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            out.append(new Box(switch (k) {
                case 0 -> await(100);
                case 1 -> {
                    int t = await(20);
                    yield t * 2;
                }
                default -> 7;
            }));
        }
        return out.toString();
    }

    public static List<String> statementWithSideEffect() {
        List<String> log = new ArrayList<>();
        new Sink(log, await(5));
        log.add("between");
        new Sink(log, await(6) + await(7));
        return log;
    }

    public static List<Box> addedToAList() {
        List<Box> list = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            list.add(new Box(await(i * 3)));
        }
        return list;
    }

    public static boolean comparedAsAnArgument() {
        Box expected = new Box(8);
        return Objects.equals(new Box(await(8)), expected) && !Objects.equals(new Box(await(9)), expected);
    }

    public static String thrownAndCaught() {
        try {
            throw new ShapeFailure(awaitRef("bad ") + await(3));
        } catch (ShapeFailure e) {
            return "caught " + e.getMessage();
        }
    }

    public static int thrownOut() {
        int x = await(1);
        if (x > 0) {
            throw new ShapeFailure("thrown out " + awaitRef("after") + x);
        }
        return x;
    }

    public static String argumentThrows() {
        try {
            return new Pair(await(1), String.valueOf(fail("in an argument"))).toString();
        } catch (LeafFailure e) {
            return "caught " + e.getMessage();
        }
    }

    public static String stringBuilding() {
        StringBuilder built = new StringBuilder(awaitRef("a")).append(await(1));
        String joined = "[" + new Box(await(2)) + "|" + new StringBuilder(awaitRef("b")).reverse() + "]";
        return built + joined + new String(awaitRef("c")) + String.valueOf(new Greeting(awaitRef("d")).text());
    }

    public static String anonymousSubclass() {
        Greeting greeting = new Greeting(awaitRef("hello")) {
            @Override
            String text() {
                return super.text() + "!";
            }
        };
        return greeting.text();
    }

    public static int varargsConstructor() {
        return new Counter(await(1), await(2), 3).count;
    }

    public static int innerClassInstance() {
        ConstructionShapes outer = new ConstructionShapes();
        return outer.new Offset(await(5)).value;
    }

    public static List<Integer> genericCollection() {
        return new ArrayList<>(List.of(await(1), await(2)));
    }
}
