package io.zsync.weaver;

import static io.zsync.weaver.harness.CorpusShapes.shapes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.weaver.harness.TestCarrier;
import io.zsync.weaver.harness.TestCarrier.Outcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each shape of the corpus, run unwoven and woven, must return or throw the same: woven code run
 * off a carrier, on a carrier that suspends at every leaf call, and on carriers that suspend at
 * seeded random subsets of them.
 */
class CorpusEquivalenceTest {

    private static final long[] SEEDS = {1, 2, 3, 42, 2024};

    @TestFactory
    Stream<DynamicTest> wovenShapesBehaveAsWritten() {
        return shapes().map(shape -> DynamicTest.dynamicTest(
                shape.getDeclaringClass().getSimpleName() + "." + shape.getName(), () -> checkShape(shape)));
    }

    @Test
    void corpusHasEnoughShapes() {
        assertTrue(shapes().count() >= 40, "the corpus has " + shapes().count() + " shapes");
    }

    private static void checkShape(Method original) throws ReflectiveOperationException {
        Method woven = WovenCorpus.INSTANCE.woven(original.getDeclaringClass()).getMethod(original.getName());
        String expected = describe(invokeHere(original));
        assertEquals(expected, describe(invokeHere(woven)), "woven, off a carrier");

        Outcome always = TestCarrier.run(() -> woven.invoke(null), call -> true);
        assertEquals(expected, describe(always), "woven, suspending at every leaf call");
        assertTrue(always.suspensions() > 0, "the shape never suspended");

        for (long seed : SEEDS) {
            Random random = new Random(seed);
            IntPredicate someCalls = call -> random.nextInt(3) == 0;
            assertEquals(expected, describe(TestCarrier.run(() -> woven.invoke(null), someCalls)),
                    "woven, suspending at random calls (seed " + seed + ")");
        }
    }

    private static Outcome invokeHere(Method method) throws IllegalAccessException {
        try {
            return new Outcome(method.invoke(null), null, 0);
        } catch (InvocationTargetException e) {
            return new Outcome(null, e.getCause(), 0);
        }
    }

    private static String describe(Outcome outcome) {
        if (outcome.thrown() != null) {
            return "threw " + outcome.thrown().getClass().getName() + ": " + outcome.thrown().getMessage();
        }
        return "returned " + outcome.value();
    }
}
