package io.zsync.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The caller's own frames: the stack from the first frame outside the runtime, without thread
 * plumbing. What a person looks for in their code when a report names a spawn or a primitive.
 */
public final class UserFrames {

    private static final int MAX_FRAMES = 8;
    private static final Set<String> RUNTIME_PACKAGES = Set.of("io.zsync", "io.zsync.spi", "io.zsync.spi.kit", "io.zsync.coroutine",
            "io.zsync.io", "io.zsync.fs", "io.zsync.net", "io.zsync.diagnostics", "io.zsync.internal",
            "io.zsync.internal.jfr", "io.zsync.nio", "io.zsync.spi.kit.nio", "io.zsync.spi.kit.memory");

    private UserFrames() {}

    /** The calling code's frames, nearest first, at most a few. */
    public static StackTraceElement[] capture() {
        StackTraceElement[] all = new Throwable().getStackTrace();
        List<StackTraceElement> kept = new ArrayList<>(MAX_FRAMES);
        boolean inUserCode = false;
        for (StackTraceElement frame : all) {
            String cls = frame.getClassName();
            if (!inUserCode && (isRuntime(cls) || isPlumbing(cls))) {
                continue; // the runtime's frames, and the ClassValue lookup that captures once per task class
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
    public static String nearest(StackTraceElement[] frames) {
        if (frames == null || frames.length == 0) {
            return "";
        }
        StackTraceElement f = frames[0];
        return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    /** Whether {@code cls} is zsync's own code (not its tests' or users' code in other io.zsync packages). */
    public static boolean isRuntime(String cls) {
        int dot = cls.lastIndexOf('.');
        String pkg = dot < 0 ? "" : cls.substring(0, dot);
        return RUNTIME_PACKAGES.contains(pkg) || pkg.startsWith("io.zsync.backend.");
    }

    /** Whether {@code cls} belongs to the JDK's thread and concurrency machinery under a task. */
    public static boolean isPlumbing(String cls) {
        return cls.startsWith("java.lang.Thread") || cls.startsWith("java.lang.VirtualThread")
                || cls.startsWith("java.lang.ClassValue") // the cached capture runs inside ClassValue.get
                || cls.startsWith("jdk.internal.") || cls.startsWith("java.util.concurrent.");
    }
}
