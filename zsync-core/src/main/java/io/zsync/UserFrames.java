package io.zsync;

import java.util.ArrayList;
import java.util.List;

/**
 * The caller's own frames: the stack from the first frame outside the runtime, without thread
 * plumbing. What a person looks for in their code when a report names a spawn or a primitive.
 */
final class UserFrames {

    private static final int MAX_FRAMES = 8;

    private UserFrames() {}

    /** The calling code's frames, nearest first, at most a few. */
    static StackTraceElement[] capture() {
        StackTraceElement[] all = new Throwable().getStackTrace();
        List<StackTraceElement> kept = new ArrayList<>(MAX_FRAMES);
        boolean inUserCode = false;
        for (StackTraceElement frame : all) {
            String cls = frame.getClassName();
            if (!inUserCode && isRuntime(cls)) {
                continue;
            }
            inUserCode = true;
            if (isPlumbing(cls) || isRuntime(cls)) {
                continue;
            }
            kept.add(frame);
            if (kept.size() == MAX_FRAMES) {
                break;
            }
        }
        return kept.toArray(new StackTraceElement[0]);
    }

    /**
     * The nearest of {@code frames} as {@code class.method(File.java:line)}, without the module
     * and class loader prefixes of {@link StackTraceElement#toString()}; {@code ""} if there is none.
     */
    static String nearest(StackTraceElement[] frames) {
        if (frames == null || frames.length == 0) {
            return "";
        }
        StackTraceElement f = frames[0];
        return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    private static boolean isRuntime(String cls) {
        int dot = cls.lastIndexOf('.');
        String pkg = dot < 0 ? "" : cls.substring(0, dot);
        return pkg.equals("io.zsync") || pkg.equals("io.zsync.spi") || pkg.startsWith("io.zsync.backend.");
    }

    private static boolean isPlumbing(String cls) {
        return cls.startsWith("java.lang.Thread") || cls.startsWith("java.lang.VirtualThread")
                || cls.equals("java.lang.ClassValue") // the cached capture runs inside ClassValue.get
                || cls.startsWith("jdk.internal.") || cls.startsWith("java.util.concurrent.");
    }
}
