package io.zsync.examples.redis;

import java.lang.reflect.Method;

/**
 * The bytes the calling thread allocated so far ({@code com.sun.management.ThreadMXBean}), read
 * through reflection: the module reads neither {@code java.management} nor {@code jdk.management},
 * and a test should not make it. Surefire adds {@code jdk.management} to the module graph.
 */
final class AllocatedBytes {

    private static final Object THREADS;
    private static final Method ALLOCATED;

    static {
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AllocatedBytes() {}

    static long ofThisThread() {
        try {
            return (long) ALLOCATED.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the thread's allocated bytes", e);
        }
    }
}
