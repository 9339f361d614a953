package io.zsync;

/**
 * Where a failed task was spawned, and the chain of spawns above it.
 *
 * <p>When a task fails, the runtime adds one of these to its exception as a
 * {@linkplain Throwable#getSuppressed() suppressed exception}, so the exception that
 * {@link Future#await()} rethrows keeps its own stack trace and also shows its spawn site. The
 * {@linkplain #getCause() cause} of each {@code AsyncStackTrace} is the spawn site of the task
 * that spawned it, up to a task started by a plain thread. It is never thrown.
 *
 * <p>How spawn sites are captured is a {@link Capture}, chosen for each {@code Io} as it opens:
 * {@link IoOptions#asyncTrace(Capture)}, else the system property {@code zsync.asyncTrace}
 * ({@code off}, {@code cached} or {@code full}), else {@link Capture#CACHED}.
 */
public final class AsyncStackTrace extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How an {@code Io} captures the spawn site of each task it starts. */
    public enum Capture {
        /** Records nothing: a failed task's exception has no {@code AsyncStackTrace}. */
        OFF,
        /**
         * Captures the stack once per task class (a lambda's class stands for the place it is
         * written), which costs one lookup per spawn: the default.
         */
        CACHED,
        /** Captures the stack at every spawn: exact, and the costliest. */
        FULL
    }

    AsyncStackTrace(String message, StackTraceElement[] site, AsyncStackTrace spawner) {
        super(message, spawner, false, true);
        setStackTrace(site);
    }

    /** The spawn site of the task that spawned this one, or {@code null} at the top of the chain. */
    @Override
    public synchronized AsyncStackTrace getCause() {
        return (AsyncStackTrace) super.getCause();
    }

    /** The async stack trace attached to {@code failure}, or {@code null} if it has none. */
    public static AsyncStackTrace of(Throwable failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof AsyncStackTrace trace) {
                return trace;
            }
        }
        return null;
    }
}
