package io.zsync;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * One wait of {@link Io#await(CompletionStage)}: the waiter parks as on any primitive, and the
 * stage's completion, on whatever thread completes it, hands over the outcome and wakes it.
 */
final class StageWait<T> extends Waitable {

    /** Guarded by {@code this}. */
    private final WaitList waiting = new WaitList();
    /** Written under {@code this} before the waiter is granted; read by the waiter after. */
    private T result;
    private Throwable failure;

    private StageWait(CoreIo runtime) {
        super(runtime);
    }

    static <T> T await(CoreIo runtime, CompletionStage<T> stage) throws ExecutionException {
        Objects.requireNonNull(stage, "stage is null; pass the CompletionStage to wait for");
        StageWait<T> wait = new StageWait<>(runtime);
        Waiter w = new Waiter(runtime.currentStrand(), null);
        synchronized (wait) {
            wait.waiting.add(w);
        }
        stage.whenComplete(wait::completed);
        try {
            wait.block(w, NO_DEADLINE, true);
        } catch (CanceledException e) {
            cancel(stage);
            throw e;
        }
        return wait.outcome();
    }

    private synchronized void completed(T value, Throwable thrown) {
        result = value;
        failure = thrown;
        Waiter w = waiting.poll();
        if (w != null) {
            w.wake(Waiter.GRANTED);
        }
    }

    private T outcome() throws ExecutionException {
        Throwable f = failure;
        if (f == null) {
            return result;
        }
        if (f instanceof CompletionException && f.getCause() != null) {
            f = f.getCause();
        }
        if (f instanceof CancellationException cancellation) {
            CanceledException canceled = new CanceledException("the CompletionStage was canceled: " + cancellation.getMessage());
            canceled.initCause(cancellation);
            throw canceled;
        }
        throw new ExecutionException(f);
    }

    /** Passes the waiter's cancellation on to the stage, if it is a future that can be canceled. */
    private static void cancel(CompletionStage<?> stage) {
        if (stage instanceof java.util.concurrent.Future<?> future) {
            try {
                future.cancel(false);
            } catch (UnsupportedOperationException notCancelable) {
                // CompletableFuture.minimalCompletionStage(): a view whose owner decides
            }
        }
    }
}
