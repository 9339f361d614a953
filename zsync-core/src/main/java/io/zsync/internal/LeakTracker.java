package io.zsync.internal;

import io.zsync.diagnostics.Leak;
import io.zsync.diagnostics.Leaks;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/**
 * The leak detector's record of one tracked object: everything a report needs, and a phantom
 * reference to the object, so that the record never keeps the object alive and learns when it
 * became unreachable. Kept reachable by {@link LeakRegistry} until released or reported.
 */
public final class LeakTracker extends PhantomReference<Object> implements Leaks.Tracker {

    /** Orders trackers in time: a {@link io.zsync.diagnostics.LeakWatch} claims those made after it opened. */
    final long sequence;
    private final Leak.Kind kind;
    private final String what;
    private final StackTraceElement[] site;
    private final SpawnTrace spawner;

    LeakTracker(Object tracked, ReferenceQueue<Object> queue, long sequence,
            Leak.Kind kind, String what, StackTraceElement[] site, SpawnTrace spawner) {
        super(tracked, queue);
        this.sequence = sequence;
        this.kind = kind;
        this.what = what;
        this.site = site;
        this.spawner = spawner;
    }

    /** The object was closed, awaited or canceled in time: no report. Idempotent, any thread. */
    @Override
    public void close() {
        if (LeakRegistry.forget(this)) {
            clear();
        }
    }

    /** Reports the leak, unless it was released or reported already. Any thread. */
    void report() {
        if (LeakRegistry.forget(this)) {
            clear();
            LeakWatches.report(new LeakRecord(kind, what, site, spawner), sequence);
        }
    }
}
