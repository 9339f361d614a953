package io.zsync.coroutine;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link WovenMethods} knows of one woven method: its names, and per suspend point (state)
 * the source line of the call and the primitive slots of the frame saved there.
 */
final class WovenMethod {

    /** Stands for a method number registered by two different methods. */
    static final WovenMethod AMBIGUOUS = new WovenMethod("?", "?", null, new int[0], new int[0]);

    private final String className;
    private final String methodName;
    private final String sourceFile;
    private final int[] lineByState;
    private final int[] primSlotsByState;

    WovenMethod(String className, String methodName, String sourceFile, int[] lineByState, int[] primSlotsByState) {
        if (lineByState.length != primSlotsByState.length) {
            throw new IllegalArgumentException(className + "." + methodName + ": " + lineByState.length
                    + " lines but " + primSlotsByState.length + " frame sizes, one of each per state");
        }
        this.className = Objects.requireNonNull(className);
        this.methodName = Objects.requireNonNull(methodName);
        this.sourceFile = sourceFile;
        this.lineByState = lineByState;
        this.primSlotsByState = primSlotsByState;
    }

    boolean isNamed(String className, String methodName) {
        return this.className.equals(className) && this.methodName.equals(methodName);
    }

    boolean hasState(int state) {
        return state >= 0 && state < lineByState.length;
    }

    /** Where the method is suspended at {@code state}, which it {@linkplain #hasState has}. */
    StackTraceElement at(int state) {
        return new StackTraceElement(className, methodName, sourceFile, lineByState[state]);
    }

    /** The primitive slots of the frame saved at {@code state}, which it {@linkplain #hasState has}, header included. */
    int primSlots(int state) {
        return primSlotsByState[state];
    }

    boolean sameAs(WovenMethod other) {
        return className.equals(other.className) && methodName.equals(other.methodName)
                && Objects.equals(sourceFile, other.sourceFile) && Arrays.equals(lineByState, other.lineByState)
                && Arrays.equals(primSlotsByState, other.primSlotsByState);
    }
}
