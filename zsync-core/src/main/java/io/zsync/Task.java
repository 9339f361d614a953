package io.zsync;

import io.zsync.coroutine.Suspendable;

/**
 * A unit of work that produces a value of type {@code T} or fails with {@code E}.
 *
 * <p>{@code E} is inferred by javac from the lambda's body, so {@link Future#await()} throws
 * exactly what the task throws: {@code io.async(() -> Files.readString(path))} is a
 * {@code Future<String, IOException>}. A task that throws no checked exception infers
 * {@code E = RuntimeException}.
 *
 * @param <T> the result type
 * @param <E> the checked exception the task may throw
 */
@FunctionalInterface
public interface Task<T, E extends Exception> {

    /** Runs the task. It may suspend: see {@link Suspendable}. */
    @Suspendable
    T run() throws E;
}
