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
 * <p>The system property {@code zsync.asyncTrace} selects how spawn sites are captured:
 * {@code cached} (the default) captures the stack once per task class (a lambda's class stands for
 * the place it is written) and costs one lookup per spawn; {@code full} captures the stack at
 * every spawn; {@code off} records nothing. The property is read as each {@code Io} opens.
 */
public final class AsyncStackTrace extends RuntimeException {

    private static final long serialVersionUID = 1L;

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
