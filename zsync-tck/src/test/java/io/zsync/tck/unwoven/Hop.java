package io.zsync.tck.unwoven;

import io.zsync.coroutine.Suspendable;

/** One hop of a call chain; marked, so that woven callers treat a call to it as one that may suspend. */
@FunctionalInterface
public interface Hop {
    @Suspendable
    void hop() throws Exception;
}
