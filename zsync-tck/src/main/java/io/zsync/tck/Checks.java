package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.coroutine.Suspendable;

/**
 * Assertions whose checked code may suspend. The suite runs every case inside a task too, where on
 * {@code evented} the case's code is a woven coroutine: code that suspends must be reached through
 * woven frames only, and JUnit's own {@code assertThrows} is not woven (a lambda that suspends
 * under it breaks the task). These do what JUnit's do, in code the build weaves.
 */
final class Checks {

    /** Code expected to throw; it may suspend. */
    @FunctionalInterface
    interface Body {
        @Suspendable
        void run() throws Throwable;
    }

    private Checks() {}

    /**
     * Runs {@code body} and returns what it throws, as JUnit's {@code assertThrows} does.
     *
     * @throws org.opentest4j.AssertionFailedError if {@code body} throws nothing, or something that
     *         is not an {@code expected} (then the failure's cause)
     */
    static <T extends Throwable> T assertThrows(Class<T> expected, Body body) {
        return assertThrows(expected, body, null);
    }

    /**
     * Runs {@code body} and returns what it throws, as JUnit's {@code assertThrows} does; a failure
     * starts with {@code message}.
     */
    static <T extends Throwable> T assertThrows(Class<T> expected, Body body, String message) {
        String prefix = message == null ? "" : message + " ==> ";
        try {
            body.run();
        } catch (Throwable thrown) {
            if (expected.isInstance(thrown)) {
                return expected.cast(thrown);
            }
            return fail(prefix + "Unexpected exception type thrown, expected: <" + expected.getName()
                    + "> but was: <" + thrown.getClass().getName() + ">", thrown);
        }
        return fail(prefix + "Expected " + expected.getName() + " to be thrown, but nothing was thrown.");
    }
}
