package io.zsync.coroutine;

/**
 * Reads the frames saved in a coroutine's primitive stack as a stack trace. A frame's header is
 * its top slot; the frame's size at that state, known from {@link WovenMethods}, leads to the
 * header of the frame below it, the callee's. So the walk runs from the outermost caller down.
 */
final class SavedFrames {

    private SavedFrames() {}

    /**
     * The frames saved in {@code prims[0, top)}, innermost first. The walk stops at a frame whose
     * method or state is not registered: one placeholder element stands for that frame and those
     * below it, whose bounds are unknown. Never fails, even on inconsistent slots.
     */
    static StackTraceElement[] trace(long[] prims, int top) {
        StackTraceElement[] outerFirst = new StackTraceElement[Math.max(0, Math.min(top, prims.length))];
        int count = 0;
        for (int header = outerFirst.length - 1; header >= 0; ) {
            int methodId = (int) (prims[header] >>> 32);
            int state = (int) prims[header];
            WovenMethod method = WovenMethods.find(methodId);
            if (method == null || !method.hasState(state) || method.primSlots(state) < 1) {
                outerFirst[count++] = unknown(methodId);
                break;
            }
            outerFirst[count++] = method.at(state);
            header -= method.primSlots(state);
        }
        StackTraceElement[] innerFirst = new StackTraceElement[count];
        for (int i = 0; i < count; i++) {
            innerFirst[i] = outerFirst[count - 1 - i];
        }
        return innerFirst;
    }

    /** A frame whose method is unknown: class {@code "?"}, the method's number in hexadecimal as its name. */
    private static StackTraceElement unknown(int methodId) {
        return new StackTraceElement("?", "method#" + Integer.toHexString(methodId), null, -1);
    }
}
