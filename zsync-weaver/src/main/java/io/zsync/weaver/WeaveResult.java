package io.zsync.weaver;

import java.util.Map;

/**
 * What weaving one build changed.
 *
 * @param changedClasses the class files the weaver rewrote, by internal name; classes absent from
 *                       this map are unchanged
 * @param examinedClasses how many classes the build had
 * @param wovenMethods   how many methods were rewritten into state machines
 */
public record WeaveResult(Map<String, byte[]> changedClasses, int examinedClasses, int wovenMethods) {

    /** Copies the map: the result does not change with the caller's. */
    public WeaveResult {
        changedClasses = Map.copyOf(changedClasses);
    }

    /** One line for a build log: {@code zsync weaver: N of M classes woven (K methods)}. */
    public String summary() {
        return "zsync weaver: " + changedClasses.size() + " of " + examinedClasses + " classes woven ("
                + wovenMethods + " methods)";
    }
}
