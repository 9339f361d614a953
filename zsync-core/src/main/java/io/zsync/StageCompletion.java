package io.zsync;

import io.zsync.spi.Strand;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link Future#toCompletableFuture()} leaves among the task's awaiters: a strand that never
 * parks, whose {@link #unpark()}, the task's completion waking its awaiters, hands the outcome to
 * the {@link CompletableFuture} on that future's default executor. The completion wakes awaiters
 * under the task's monitor, on the thread that ran the task (an event loop, a backend's pool
 * thread): neither may run what the stage's dependent actions do.
 */
final class StageCompletion<T> extends Strand implements Runnable {

    private final Future<T, ?> task;
    private final CompletableFuture<T> stage;

    StageCompletion(Future<T, ?> task, CompletableFuture<T> stage) {
        this.task = task;
        this.stage = stage;
    }

    /** The task has ended: completes the stage elsewhere. */
    @Override
    public void unpark() {
        stage.defaultExecutor().execute(this);
    }

    /** Completes the stage with the ended task's outcome. */
    @Override
    public void run() {
        task.completeStage(stage);
    }

    /** Nothing runs on this strand, so nothing parks on it. */
    @Override
    public boolean park(long deadlineNanos) {
        throw new UnsupportedOperationException("a CompletableFuture's completion does not park");
    }
}
