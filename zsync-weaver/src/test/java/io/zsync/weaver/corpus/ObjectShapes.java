package io.zsync.weaver.corpus;

import static io.zsync.weaver.harness.Leaf.await;
import static io.zsync.weaver.harness.Leaf.awaitLong;
import static io.zsync.weaver.harness.Leaf.awaitRef;

import io.zsync.coroutine.Suspendable;
import java.util.ArrayList;
import java.util.List;

/** Instance methods, generics, interfaces, lambdas and method references. */
public final class ObjectShapes {

    private ObjectShapes() {}

    /** Instance state and {@code this} across suspensions. */
    static final class Accumulator {
        private int total;
        private final List<Integer> seen = new ArrayList<>();

        Accumulator(int start) {
            total = start;
        }

        int add(int value) {
            int got = await(value);
            seen.add(got);
            total += got;
            return total;
        }

        String addAll(int count) {
            for (int i = 1; i <= count; i++) {
                add(i * 10);
            }
            return total + " " + seen;
        }
    }

    public static String instanceMethods() {
        return new Accumulator(5).addAll(3);
    }

    public static int receiverKeptAcrossArguments() {
        Accumulator accumulator = new Accumulator(1);
        return accumulator.add(await(2)) + new Accumulator(100).add(await(3));
    }

    /** A generic holder whose method suspends. */
    static final class Box<T> {
        private final T value;

        Box(T value) {
            this.value = value;
        }

        <R> Box<R> map(Fn<? super T, ? extends R> f) {
            return new Box<>(f.apply(awaitRef(value)));
        }

        T get() {
            return value;
        }
    }

    /** A function type implemented by lambdas only, so it must be marked: the weaver cannot see them implement it. */
    interface Fn<A, B> {
        @Suspendable
        B apply(A a);
    }

    public static String generics() {
        Box<String> box = new Box<>("abc");
        Box<Integer> length = box.map(s -> s.length() + await(1));
        return length.map(n -> "n=" + n + awaitRef("!")).get();
    }

    static <T extends Comparable<T>> T max(List<T> items) {
        T best = null;
        for (T item : items) {
            T seen = awaitRef(item);
            if (best == null || seen.compareTo(best) > 0) {
                best = seen;
            }
        }
        return best;
    }

    public static String boundedGenerics() {
        return max(List.of("pear", "apple", "quince", "fig")) + max(List.of(3, 9, 2));
    }

    /** An interface whose default method suspends; a lambda implements it, so name() must be marked. */
    interface Greeter {
        @Suspendable
        String name();

        default String greet() {
            return "hi " + awaitRef(name()) + await(1);
        }
    }

    static final class English implements Greeter {
        @Override
        public String name() {
            return "bob";
        }
    }

    public static String interfaceDefaultMethod() {
        Greeter greeter = new English();
        return greeter.greet() + " " + ((Greeter) () -> awaitRef("ann")).greet();
    }

    public static int lambdaTask() {
        Task<Integer> task = () -> await(41) + 1;
        return task.run();
    }

    public static String capturingLambda() {
        String prefix = "p";
        long big = 1L << 35;
        Task<String> task = () -> prefix + awaitLong(big) + awaitRef("-s");
        return task.run() + task.run();
    }

    static int helper() {
        return await(7) * 3;
    }

    public static int staticMethodReference() {
        Task<Integer> task = ObjectShapes::helper;
        return task.run() + task.run();
    }

    public static String boundMethodReference() {
        Greeter greeter = new English();
        Task<String> task = greeter::greet;
        return task.run();
    }

    /** Unannotated, but its implementation in this build suspends: calls through it are suspend points. */
    interface Source {
        int next();
    }

    static final class Counting implements Source {
        private int n;

        @Override
        public int next() {
            return await(n++);
        }
    }

    public static int interfaceImplementedInBuild() {
        Source source = new Counting();
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += source.next();
        }
        return sum;
    }

    /** Abstract method implemented by a suspending override. */
    abstract static class Shape {
        abstract int area();

        int twice() {
            return area() * 2;
        }
    }

    static final class Square extends Shape {
        private final int side;

        Square(int side) {
            this.side = side;
        }

        @Override
        int area() {
            return await(side) * side;
        }
    }

    public static int abstractOverride() {
        Shape shape = new Square(4);
        return shape.twice();
    }

    static class Base {
        int value() {
            return await(1);
        }
    }

    static final class Derived extends Base {
        @Override
        int value() {
            return super.value() * 10 + await(2);
        }
    }

    public static int superCall() {
        return new Derived().value();
    }

    /** A generic implementation: javac's bridge method forwards to it. */
    static final class Doubler implements Task<Integer> {
        private final int base;

        Doubler(int base) {
            this.base = base;
        }

        @Override
        public Integer run() {
            return await(base) * 2;
        }
    }

    public static int bridgeMethod() {
        Task<Integer> task = new Doubler(21);
        return task.run() + new Doubler(1).run();
    }

    private int field = 3;

    /** An inner class reaching its outer instance. */
    final class Inner {
        int read() {
            return field + await(field);
        }
    }

    public static int innerClass() {
        ObjectShapes outer = new ObjectShapes();
        Inner inner = outer.new Inner();
        return inner.read() + inner.read();
    }

    public static int lambdaReturningLambda() {
        Task<Task<Integer>> outer = () -> {
            int captured = await(5);
            return () -> captured + await(6);
        };
        return outer.run().run();
    }

    /** Receivers re-invoked from the local they were loaded from, and one whose local changes before the call. */
    public static String receiverInLocal() {
        FrameSizes.Parker parker = new FrameSizes.Parker();
        int loops = FrameSizes.parkLoop(parker, 3);
        int selfLoops = new FrameSizes.Parker().parkSelf(4);
        Accumulator first = new Accumulator(1);
        Accumulator second = new Accumulator(100);
        Accumulator receiver = first;
        int added = receiver.add((receiver = second).total);
        return loops + " " + selfLoops + " " + FrameSizes.parkOnce(1) + " " + parker.park(5) + " " + added + " "
                + first.addAll(1) + " " + second.addAll(1) + " " + receiver.add(1);
    }
}
