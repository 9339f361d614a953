package io.zsync.spi;

import io.zsync.coroutine.NeverSuspends;
import io.zsync.coroutine.Suspendable;

/**
 * A task the core hands to {@link Backend#tryStart}. The backend runs it on the new unit of
 * concurrency in two steps, {@link #runTask()} then {@link #publish()}, both on that unit;
 * {@link #run()} does both, for a backend whose units are never reused.
 *
 * <p>The split exists so that a unit is free again before anyone learns that its task ended: a
 * backend with a bounded number of units marks the unit free between the two calls, so a task that
 * awaits this one and then starts another can be given this very unit.
 */
public interface Job extends Runnable {

    /**
     * Runs the task to its end on the calling unit's strand. Its outcome is recorded, but nobody
     * awaiting the task is told yet.
     */
    @Suspendable
    void runTask();

    /**
     * Makes the outcome visible and wakes whoever awaits the task. Called once, after
     * {@link #runTask()}, on the same unit. Does not block.
     */
    void publish();

    /**
     * Tells the task that its backend closed while it was suspended, or after it was started and
     * before it began, and drops it: it never runs on. The core completes the task's future with a
     * {@link io.zsync.CanceledException} whose message says the {@code Io} was closed while the task
     * was suspended or before it started, wakes whoever awaits it, tells its group or select that
     * it ended, and reports it to the leak detector ({@link io.zsync.Leaks}), with where it was
     * spawned. Called at most once, by the closing backend, instead of the rest of
     * {@link #runTask()} and {@link #publish()}, on the unit the task ran on or would have. Does
     * not block.
     */
    default void abandoned() {}

    /**
     * Runs the task, then publishes its outcome: for a backend that runs each task on a thread of
     * its own, where the task never suspends.
     */
    @NeverSuspends
    @Override
    default void run() {
        runTask();
        publish();
    }
}
