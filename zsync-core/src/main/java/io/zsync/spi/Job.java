package io.zsync.spi;

import io.zsync.coroutine.Suspendable;

/**
 * A task the core hands to {@link Backend#tryStart}. The backend runs it on the new unit of
 * concurrency in two steps, {@link #runTask(Strand)} then {@link #publish()}, both on that unit.
 *
 * <p>The split exists so that a unit is free again before anyone learns that its task ended: a
 * backend with a bounded number of units marks the unit free between the two calls, so a task that
 * awaits this one and then starts another can be given this very unit.
 */
public interface Job {

    /**
     * Runs the task to its end on {@code strand}: the strand of the calling unit, the one the
     * backend holds for it (and that {@link Backend#currentStrand()} returns there), passed so that
     * the task need not look it up again. Its outcome is recorded, but nobody awaiting the task is
     * told yet.
     */
    @Suspendable
    void runTask(Strand strand);

    /**
     * Makes the outcome visible and wakes whoever awaits the task. Called once, after
     * {@link #runTask(Strand)}, on the same unit. Does not block.
     */
    void publish();

    /**
     * Tells the task that its backend closed while it was suspended, or after it was started and
     * before it began, and drops it: it never runs on. The core completes the task's future with a
     * {@link io.zsync.CanceledException} whose message says the {@code Io} was closed while the task
     * was suspended or before it started, wakes whoever awaits it, tells its group or select that
     * it ended, and reports it to the leak detector ({@link io.zsync.diagnostics.Leaks}), with where it was
     * spawned. Called at most once, by the closing backend, instead of the rest of
     * {@link #runTask(Strand)} and {@link #publish()}, on the unit the task ran on or would have. Does
     * not block.
     */
    default void abandoned() {}

}
