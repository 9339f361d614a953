package io.zsync;

import java.util.ArrayList;
import java.util.List;

/**
 * One link of a spawn chain: where a task was spawned, and the link of the task that spawned it.
 * Chains are cut after {@link #MAX_DEPTH} links so that a long line of tasks each spawning the
 * next cannot hold memory without bound; the nearest spawns are the ones kept.
 */
final class SpawnTrace {

    static final int MAX_DEPTH = 32;
    private static final int MAX_FRAMES = 8;

    enum Mode { OFF, CACHED, FULL }

    static final Mode MODE = Mode.valueOf(System.getProperty("zsync.asyncTrace", "cached").toUpperCase(java.util.Locale.ROOT));

    /** One capture per task class: a lambda's class stands for the place it is written. */
    private static final ClassValue<StackTraceElement[]> SITE_BY_CLASS = new ClassValue<>() {
        @Override
        protected StackTraceElement[] computeValue(Class<?> type) {
            return capture();
        }
    };

    private final StackTraceElement[] site;
    private final SpawnTrace spawner;
    private final int depth;
    /**
     * The leak tracker of the task's future, or {@code null} if it is not tracked: kept here, in a
     * trace made with the future, because a future has no room to spare (see {@link Leaks}).
     */
    final LeakTracker leak;

    SpawnTrace(StackTraceElement[] site, SpawnTrace spawner) {
        this(site, spawner, null);
    }

    SpawnTrace(StackTraceElement[] site, SpawnTrace spawner, LeakTracker leak) {
        this.site = site;
        boolean cut = spawner != null && spawner.depth >= MAX_DEPTH;
        this.spawner = cut ? null : spawner;
        this.depth = this.spawner == null ? 1 : this.spawner.depth + 1;
        this.leak = leak;
    }

    /** The spawn site of {@code task}, captured now, or {@code null} when traces are off. */
    static StackTraceElement[] siteOf(Object task) {
        return switch (MODE) {
            case OFF -> null;
            case CACHED -> SITE_BY_CLASS.get(task.getClass());
            case FULL -> capture();
        };
    }

    /** The spawn site of the failed task, with the chain above it as causes. */
    AsyncStackTrace toException() {
        return toException("the failed task was spawned at");
    }

    /** This chain as exceptions, the first saying {@code message}, each next one its cause. */
    AsyncStackTrace toException(String message) {
        AsyncStackTrace above = null;
        List<SpawnTrace> chain = new ArrayList<>();
        for (SpawnTrace t = this; t != null; t = t.spawner) {
            chain.add(t);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            above = new AsyncStackTrace(i == 0 ? message : "by a task spawned at", chain.get(i).site, above);
        }
        return above;
    }

    /** The caller's stack from the first frame outside the runtime, without thread plumbing. */
    static StackTraceElement[] capture() {
        StackTraceElement[] all = new Throwable().getStackTrace();
        List<StackTraceElement> kept = new ArrayList<>(MAX_FRAMES);
        boolean inUserCode = false;
        for (StackTraceElement frame : all) {
            String cls = frame.getClassName();
            if (!inUserCode && (isRuntime(cls) || isPlumbing(cls))) {
                continue; // the runtime's frames, and the ClassValue lookup that captures once per task class
            }
            inUserCode = true;
            if (isPlumbing(cls) || isRuntime(cls)) {
                continue;
            }
            kept.add(frame);
            if (kept.size() == MAX_FRAMES) {
                break;
            }
        }
        return kept.toArray(new StackTraceElement[0]);
    }

    private static boolean isRuntime(String cls) {
        int dot = cls.lastIndexOf('.');
        String pkg = dot < 0 ? "" : cls.substring(0, dot);
        return pkg.equals("io.zsync") || pkg.equals("io.zsync.spi") || pkg.startsWith("io.zsync.backend.")
                || pkg.equals("io.zsync.fs") || pkg.equals("io.zsync.net") || pkg.equals("io.zsync.io");
    }

    private static boolean isPlumbing(String cls) {
        return cls.startsWith("java.lang.Thread") || cls.startsWith("java.lang.ClassValue") || cls.startsWith("java.lang.VirtualThread")
                || cls.startsWith("jdk.internal.") || cls.startsWith("java.util.concurrent.");
    }
}
