package io.zsync.tck;

import io.zsync.Io;
import io.zsync.coroutine.Suspendable;
import java.util.Objects;

/**
 * One behaviour of the suite: its area, a name that says what it checks, and the check. The suite
 * runs the check twice: on the plain test thread, and inside a task of the {@code Io} under test,
 * unless the case is {@linkplain #onThreadOnly marked} as one that checks plain-thread behaviour.
 *
 * @param threadOnly why the check cannot run inside a task, or {@code null} if it can
 */
record Case(String area, String name, boolean needsConcurrency, String threadOnly, Body body) {

    /**
     * The check, run against a fresh {@code Io}. It may suspend (inside a task on {@code evented}),
     * so what it hands code that may suspend goes to woven code only: {@link Checks#assertThrows}
     * rather than JUnit's, plain loops rather than {@code forEach} or streams.
     */
    @FunctionalInterface
    interface Body {
        @Suspendable
        void run(Io io) throws Exception;
    }

    /** A case that holds on every backend. */
    static Case of(String area, String name, Body body) {
        return new Case(area, name, false, null, body);
    }

    /** A case that needs tasks running concurrently with the test. */
    static Case concurrent(String area, String name, Body body) {
        return new Case(area, name, true, null, body);
    }

    /**
     * This case, run on the plain test thread only, for {@code reason}: what it checks is the
     * behaviour of a thread that runs no task (its interrupt status, say). The run inside a task is
     * reported as skipped with that reason, never left out silently.
     */
    Case onThreadOnly(String reason) {
        return new Case(area, name, needsConcurrency, Objects.requireNonNull(reason, "reason"), body);
    }

    /** Whether the suite also runs this case inside a task. */
    boolean runsInTask() {
        return threadOnly == null;
    }
}
