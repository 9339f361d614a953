package io.zsync.weaver.harness;

import io.zsync.weaver.corpus.ConstructionShapes;
import io.zsync.weaver.corpus.ControlShapes;
import io.zsync.weaver.corpus.ExceptionShapes;
import io.zsync.weaver.corpus.LocalShapes;
import io.zsync.weaver.corpus.ObjectShapes;
import io.zsync.weaver.corpus.StackShapes;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which methods of the corpus are shapes: the public static no-argument methods of its shape
 * classes (not {@code FrameSizes} or {@code Misuse}, which other tests use on their own). Shared
 * by every test that runs the corpus, so that they all run the same shapes.
 */
public final class CorpusShapes {

    /** The corpus classes whose shapes are run, as compiled (calling {@link Leaf}). */
    public static final List<Class<?>> SHAPE_CLASSES = List.of(
            LocalShapes.class, StackShapes.class, ControlShapes.class, ExceptionShapes.class, ObjectShapes.class,
            ConstructionShapes.class);

    private CorpusShapes() {}

    /** The shapes, as compiled, ordered by class name then method name. */
    public static Stream<Method> shapes() {
        return SHAPE_CLASSES.stream()
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0)
                .sorted(Comparator.comparing((Method m) -> m.getDeclaringClass().getName()).thenComparing(Method::getName));
    }
}
