package io.zsync.tck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import io.zsync.Task;
import io.zsync.weaver.harness.CorpusShapes;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The weaver's corpus of method shapes as real zsync tasks: each shape, its leaves turned into
 * {@link IoLeaf}'s real waits, returns or throws on {@code evented} (woven, as stackless
 * coroutines) exactly what it does unwoven on {@code virtual} (one virtual thread per task); and
 * on {@code evented} it makes as many leaf calls, each of which suspends its coroutine and resumes.
 */
class CorpusOnEventedTest {

    private static final int LEAST_SHAPES = 40;

    @TestFactory
    Stream<DynamicTest> wovenOnEventedAsUnwovenOnVirtual() {
        List<Method> shapes = CorpusShapes.shapes().toList();
        assertTrue(shapes.size() >= LEAST_SHAPES, "the corpus has " + shapes.size() + " shapes");
        RemappedCorpus corpus = RemappedCorpus.load();
        return shapes.stream().map(shape -> DynamicTest.dynamicTest(
                "[evented vs virtual] " + shape.getDeclaringClass().getSimpleName() + "." + shape.getName(),
                () -> {
                    String expected = outcome("virtual", corpus.unwovenTask(shape));
                    int leafCalls = IoLeaf.calls();
                    assertEquals(expected, outcome("evented", corpus.wovenTask(shape)),
                            "woven on evented vs unwoven on virtual");
                    assertTrue(IoLeaf.calls() > 0, "the shape made no leaf call on evented");
                    assertEquals(leafCalls, IoLeaf.calls(), "leaf calls on evented vs on virtual");
                    assertEquals(IoLeaf.calls(), IoLeaf.callsInCoroutine(),
                            "leaf calls on evented that waited, and went on, in the task's coroutine");
                }));
    }

    /** Runs {@code task} in {@code io.concurrent} on a new {@code backend}: what it returned or threw. */
    private static String outcome(String backend, Task<?, ?> task) {
        try (Io io = Io.open(backend)) {
            IoLeaf.runOn(io);
            try {
                return "returned " + io.concurrent(task).await();
            } catch (Exception e) {
                return "threw " + e.getClass().getName() + ": " + e.getMessage();
            }
        }
    }
}
