package io.zsync;

import io.zsync.coroutine.Suspendable;

/**
 * A unit of work that produces no value, or fails with {@code E}. The {@code void} form of
 * {@link Task}: its future's result is {@code null}.
 *
 * @param <E> the checked exception the task may throw
 */
@FunctionalInterface
public interface VoidTask<E extends Exception> {

    /** Runs the task. It may suspend: see {@link Suspendable}. */
    @Suspendable
    void run() throws E;
}
