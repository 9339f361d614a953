package io.zsync.internal;

import io.zsync.internal.UserFrames;
import io.zsync.internal.jfr.TaskRunEvent;
import io.zsync.AsyncStackTrace;
import io.zsync.internal.jfr.TaskRunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One link of a spawn chain: where a task was spawned, and the link of the task that spawned it.
 * Chains are cut after {@link #MAX_DEPTH} links so that a long line of tasks each spawning the
 * next cannot hold memory without bound; the nearest spawns are the ones kept.
 *
 * <p>It is also the task's identity in JFR events ({@link io.zsync.internal.jfr.TaskEvents}): a task gets one only when
 * it spawns a child, fails, or is recorded, so the id costs nothing to the many tasks that do none.
 */
public final class SpawnTrace {

    private static final int MAX_DEPTH = 32;

    /** One capture per task class: a lambda's class stands for the place it is written. */
    private static final ClassValue<StackTraceElement[]> SITE_BY_CLASS = new ClassValue<>() {
        @Override
        protected StackTraceElement[] computeValue(Class<?> type) {
            return UserFrames.capture();
        }
    };

    private static final AtomicLong LAST_ID = new AtomicLong();

    private final StackTraceElement[] site;
    private final SpawnTrace spawner;
    private final int depth;
    private final long id = LAST_ID.incrementAndGet();
    /** The task's run event while it runs and {@code io.zsync.TaskRun} records; own strand only. */
    public TaskRunEvent run;
    /**
     * The leak tracker of the task's future, or {@code null} if it is not tracked: kept here, in a
     * trace made with the future, because a future has no room to spare (see {@link LeakRegistry}).
     */
    public final LeakTracker leak;

    public SpawnTrace(StackTraceElement[] site, SpawnTrace spawner) {
        this(site, spawner, null);
    }

    public SpawnTrace(StackTraceElement[] site, SpawnTrace spawner, LeakTracker leak) {
        this.site = site;
        boolean cut = spawner != null && spawner.depth >= MAX_DEPTH;
        this.spawner = cut ? null : spawner;
        this.depth = this.spawner == null ? 1 : this.spawner.depth + 1;
        this.leak = leak;
    }

    /** The task's id in JFR events: unique in this JVM, 1 and up. */
    public long id() {
        return id;
    }

    /** Where the task was spawned, or {@code null} when traces are off. */
    public StackTraceElement[] site() {
        return site;
    }

    /** The spawn site of {@code task}, captured now as {@code capture} says, or {@code null} when traces are off. */
    public static StackTraceElement[] siteOf(Object task, AsyncStackTrace.Capture capture) {
        return switch (capture) {
            case OFF -> null;
            case CACHED -> SITE_BY_CLASS.get(task.getClass());
            case FULL -> UserFrames.capture();
        };
    }

    /** The first frame of each spawn site on the chain, this task's first. */
    public List<StackTraceElement> spawnSites() {
        List<StackTraceElement> sites = new ArrayList<>();
        for (SpawnTrace t = this; t != null; t = t.spawner) {
            if (t.site != null && t.site.length > 0) {
                sites.add(t.site[0]);
            }
        }
        return sites;
    }

    /** The spawn site of the failed task, with the chain above it as causes. */
    public AsyncStackTrace toException() {
        return toException("the failed task was spawned at");
    }

    /** This chain as exceptions, the first saying {@code message}, each next one its cause. */
    public AsyncStackTrace toException(String message) {
        Access.Core door = Access.core();
        AsyncStackTrace above = null;
        List<SpawnTrace> chain = new ArrayList<>();
        for (SpawnTrace t = this; t != null; t = t.spawner) {
            chain.add(t);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            above = door.asyncStackTrace(i == 0 ? message : "by a task spawned at", chain.get(i).site, above);
        }
        return above;
    }
}
