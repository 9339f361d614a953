package io.zsync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One link of a spawn chain: where a task was spawned, and the link of the task that spawned it.
 * Chains are cut after {@link #MAX_DEPTH} links so that a long line of tasks each spawning the
 * next cannot hold memory without bound; the nearest spawns are the ones kept.
 */
final class SpawnTrace {

    static final int MAX_DEPTH = 32;
    private static final int MAX_FRAMES = 8;

    /** How spawn sites are captured: {@code -Dzsync.asyncTrace=off|cached|full}, read as each Io opens. */
    enum Mode {
        OFF, CACHED, FULL;

        /**
         * The mode the system property names now; {@link #CACHED} when it is not set.
         *
         * @throws IllegalArgumentException if the property names no mode
         */
        static Mode configured() {
            String configured = System.getProperty("zsync.asyncTrace", "cached");
            try {
                return valueOf(configured.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-Dzsync.asyncTrace must be off, cached or full, not '" + configured + "'", e);
            }
        }
    }

    /** One capture per task class: a lambda's class stands for the place it is written. */
    private static final ClassValue<StackTraceElement[]> SITE_BY_CLASS = new ClassValue<>() {
        @Override
        protected StackTraceElement[] computeValue(Class<?> type) {
            return capture();
        }
    };

    private static final Set<String> RUNTIME_PACKAGES = Set.of("io.zsync", "io.zsync.spi", "io.zsync.coroutine",
            "io.zsync.io", "io.zsync.fs", "io.zsync.net");

    private final StackTraceElement[] site;
    private final SpawnTrace spawner;
    private final int depth;

    SpawnTrace(StackTraceElement[] site, SpawnTrace spawner) {
        this.site = site;
        boolean cut = spawner != null && spawner.depth >= MAX_DEPTH;
        this.spawner = cut ? null : spawner;
        this.depth = this.spawner == null ? 1 : this.spawner.depth + 1;
    }

    /** The spawn site of {@code task}, captured now as {@code mode} says, or {@code null} when traces are off. */
    static StackTraceElement[] siteOf(Object task, Mode mode) {
        return switch (mode) {
            case OFF -> null;
            case CACHED -> SITE_BY_CLASS.get(task.getClass());
            case FULL -> capture();
        };
    }

    /** The first frame of each spawn site on the chain, this task's first. */
    List<StackTraceElement> spawnSites() {
        List<StackTraceElement> sites = new ArrayList<>();
        for (SpawnTrace t = this; t != null; t = t.spawner) {
            if (t.site != null && t.site.length > 0) {
                sites.add(t.site[0]);
            }
        }
        return sites;
    }

    AsyncStackTrace toException() {
        AsyncStackTrace above = null;
        List<SpawnTrace> chain = new ArrayList<>();
        for (SpawnTrace t = this; t != null; t = t.spawner) {
            chain.add(t);
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = i == 0 ? "the failed task was spawned at" : "by a task spawned at";
            above = new AsyncStackTrace(message, chain.get(i).site, above);
        }
        return above;
    }

    /** The caller's stack from the first frame outside the runtime, without thread plumbing. */
    private static StackTraceElement[] capture() {
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

    /** Whether {@code cls} is zsync's own code (not its tests' or users' code in other io.zsync packages). */
    static boolean isRuntime(String cls) {
        int dot = cls.lastIndexOf('.');
        String pkg = dot < 0 ? "" : cls.substring(0, dot);
        return RUNTIME_PACKAGES.contains(pkg) || pkg.startsWith("io.zsync.backend.");
    }

    /** Whether {@code cls} belongs to the JDK's thread and concurrency machinery under a task. */
    static boolean isPlumbing(String cls) {
        return cls.startsWith("java.lang.Thread") || cls.startsWith("java.lang.ClassValue") || cls.startsWith("java.lang.VirtualThread")
                || cls.startsWith("jdk.internal.") || cls.startsWith("java.util.concurrent.");
    }
}
