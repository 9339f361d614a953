package io.zsync.coroutine;

import java.util.List;

/**
 * Finds the frame of code that was not woven on the stack of a running coroutine, and says what
 * to do about it: the errors of {@link Coroutine} for a suspension that could not be resumed.
 */
final class UnwovenFrames {

    /**
     * Without hidden and reflection frames: a lambda's forwarding frame and the method handle and
     * reflection frames that call a woven method hold no state of the task's.
     */
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /** Where code comes from that no build of a user's weaves: the JDK's and the test frameworks'. */
    private static final List<String> LIBRARY_PACKAGES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.junit.", "org.opentest4j.", "org.assertj.");

    private UnwovenFrames() {}

    /**
     * The error for {@code callee}, which can suspend, reached without a woven call: names the
     * nearest frame below it that is not woven.
     */
    static String calledFromUnwoven(String callee) {
        StackWalker.StackFrame unwoven = WALKER.walk(frames -> frames
                .dropWhile(UnwovenFrames::isProtocol)
                .skip(1) // the callee
                .filter(f -> !WovenMethods.isWoven(f))
                .findFirst()
                .orElse(null));
        return callee + " can suspend, but it was called from " + describe(unwoven)
                + ", which the zsync weaver did not rewrite, so the task could not be resumed there. " + advice(unwoven);
    }

    /**
     * The error for a suspension about to unwind through a frame that was not woven between two
     * that were; {@code null} if there is none. The frames outside the outermost woven one are the
     * entry that {@link Coroutine#step} calls again to resume, which {@code step} checks itself.
     */
    static String betweenWovenOnes() {
        List<StackWalker.StackFrame> frames = WALKER.walk(stream -> stream
                .dropWhile(UnwovenFrames::isProtocol)
                .takeWhile(f -> !isProtocol(f))
                .toList());
        int innermostWoven = 0;
        while (innermostWoven < frames.size() && !WovenMethods.isWoven(frames.get(innermostWoven))) {
            innermostWoven++; // the suspending operation itself, which saves nothing
        }
        int outermostWoven = frames.size() - 1;
        while (outermostWoven > innermostWoven && !WovenMethods.isWoven(frames.get(outermostWoven))) {
            outermostWoven--; // the entry step() calls, which it calls again to resume
        }
        for (int i = innermostWoven + 1; i < outermostWoven; i++) {
            StackWalker.StackFrame frame = frames.get(i);
            if (!WovenMethods.isWoven(frame)) {
                return "a task suspended inside " + describe(frames.get(innermostWoven)) + ", called from "
                        + describe(frame) + ", which the zsync weaver did not rewrite: it would return as if the"
                        + " call had ended, and the task could not be resumed there. " + advice(frame);
            }
        }
        return null;
    }

    private static boolean isProtocol(StackWalker.StackFrame frame) {
        return frame.getDeclaringClass() == Coroutine.class || frame.getDeclaringClass() == UnwovenFrames.class;
    }

    private static String describe(StackWalker.StackFrame frame) {
        return frame == null ? "code outside any method"
                : frame.getClassName() + "." + frame.getMethodName() + " (" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")";
    }

    private static String advice(StackWalker.StackFrame frame) {
        String instead = "do not suspend inside the lambda you pass it: use a plain loop instead of forEach or a"
                + " stream, try/catch instead of assertThrows, or run that code in io.blocking(...), where it blocks"
                + " a pool thread instead of suspending.";
        if (frame != null && LIBRARY_PACKAGES.stream().anyMatch(frame.getClassName()::startsWith)) {
            return "It is library code, which cannot be woven: " + instead;
        }
        return "If it is your code, weave its class (the zsync-maven-plugin's weave goals, in the build of the code"
                + " it calls), and mark @io.zsync.coroutine.Suspendable the interface method it implements if that"
                + " interface comes from another build. If it is library code, " + instead;
    }
}
