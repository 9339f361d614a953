package io.zsync.tck;

import io.zsync.Io;

/** One behaviour of the suite: its area, a name that says what it checks, and the check. */
record Case(String area, String name, boolean needsConcurrency, Body body) {

    /** The check, run against a fresh {@code Io}. */
    @FunctionalInterface
    interface Body {
        void run(Io io) throws Exception;
    }

    /** A case that holds on every backend. */
    static Case of(String area, String name, Body body) {
        return new Case(area, name, false, body);
    }

    /** A case that needs tasks running concurrently with the test. */
    static Case concurrent(String area, String name, Body body) {
        return new Case(area, name, true, body);
    }
}
