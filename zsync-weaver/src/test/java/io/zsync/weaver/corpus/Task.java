package io.zsync.weaver.corpus;

import io.zsync.coroutine.Suspendable;

/** A task interface marked suspendable, as zsync's own {@code Task.run} is: lambdas implement it. */
@FunctionalInterface
public interface Task<T> {

    @Suspendable
    T run();
}
