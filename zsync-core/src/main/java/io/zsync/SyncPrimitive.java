package io.zsync;

import io.zsync.internal.UserFrames;
import io.zsync.internal.jfr.ContentionEvent;
import io.zsync.internal.jfr.TaskEvents;
import io.zsync.internal.jfr.WaitEvent;
import java.util.Objects;

/**
 * A primitive whose waits are contention: a task waits on it for another task to release or hand
 * over something. Primitives have no names, so it remembers where it was created, for the
 * {@code io.zsync.Contention} events that name it.
 */
abstract class SyncPrimitive extends Waitable {

    /**
     * Where the primitive was created, {@code class.method(File.java:line)}; captured only while
     * {@code io.zsync.Contention} records (a stack walk), else {@code null}.
     */
    final String createdAt;

    SyncPrimitive(CoreIo runtime) {
        super(runtime);
        this.createdAt = TaskEvents.recorderUp() && ContentionEvent.recorded() ? UserFrames.nearest(UserFrames.capture()) : null;
    }

    /**
     * Takes with {@code take} (which may wait: a cancellation point, and then nothing runs), runs
     * {@code task}, and releases with {@code release} however the task ends: every
     * {@code withLock}-style method.
     */
    static <T, E extends Exception> T runHolding(VoidTask<RuntimeException> take, Runnable release, Task<T, E> task)
            throws E {
        Objects.requireNonNull(task, "task is null; pass the code to run while holding it");
        take.run();
        try {
            return task.run();
        } finally {
            release.run();
        }
    }

    @Override
    final WaitEvent beginWaitEvent() {
        return TaskEvents.recorderUp() ? ContentionEvent.beginIfRecorded() : null;
    }

    @Override
    final void describeWait(WaitEvent event) {
        ((ContentionEvent) event).waitedOn(getClass().getSimpleName(), System.identityHashCode(this), createdAt);
    }
}
