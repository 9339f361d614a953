package io.zsync;

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

    @Override
    final WaitEvent beginWaitEvent() {
        return TaskEvents.recorderUp() ? ContentionEvent.beginIfRecorded() : null;
    }
}
