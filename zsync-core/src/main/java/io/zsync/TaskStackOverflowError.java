package io.zsync;

/**
 * A task overflowed its stack, most often by runaway recursion. The runtime catches the
 * {@link StackOverflowError} where the task's body returns, so the thread or event loop that ran
 * the task goes on serving other tasks, and makes it the task's outcome as this error: its message
 * names the task by its spawn site and the method that was recursing, and its
 * {@linkplain #getCause() cause} is the original error with the deepest frames.
 *
 * <p>It is thrown by {@link Future#await()} and {@link Future#cancel()} like any other failure of
 * the task, with the task's {@link AsyncStackTrace} attached. Code that catches
 * {@code StackOverflowError} catches this too.
 */
public final class TaskStackOverflowError extends StackOverflowError {

    private static final long serialVersionUID = 1L;

    TaskStackOverflowError(String task, StackOverflowError overflow) {
        super("stack overflow in " + task + recursingIn(overflow)
                + "; the task failed, the runtime goes on (raise -Xss or the loop's stack size only if the recursion is bounded)");
        initCause(overflow);
    }

    private static String recursingIn(StackOverflowError overflow) {
        StackTraceElement[] frames = overflow.getStackTrace();
        return frames.length == 0 ? "" : ", recursing in " + frames[0];
    }
}
