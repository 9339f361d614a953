package io.zsync.weaver;

import java.util.List;
import java.util.Map;

/**
 * What weaving one build changed.
 *
 * @param changedClasses the class files the weaver rewrote, by internal name; classes absent from
 *                       this map are unchanged
 * @param examinedClasses how many classes the build had
 * @param wovenMethods   how many methods were rewritten into state machines
 * @param unwovenCalls   the calls into suspendable code of the build that will come from code the
 *                       weaver does not rewrite, one description (naming the class, method and
 *                       line) each: suspendable lambdas and method references made into
 *                       interfaces whose method is not suspendable, such as {@code Runnable} or
 *                       JUnit's {@code Executable}. Harmless off a task; inside a task on
 *                       {@code evented}, a suspension there fails
 */
public record WeaveResult(Map<String, byte[]> changedClasses, int examinedClasses, int wovenMethods,
        List<String> unwovenCalls) {

    /** Copies the map and list: the result does not change with the caller's. */
    public WeaveResult {
        changedClasses = Map.copyOf(changedClasses);
        unwovenCalls = List.copyOf(unwovenCalls);
    }

    /** One line for a build log: {@code zsync weaver: N of M classes woven (K methods)}. */
    public String summary() {
        return "zsync weaver: " + changedClasses.size() + " of " + examinedClasses + " classes woven ("
                + wovenMethods + " methods)";
    }
}
