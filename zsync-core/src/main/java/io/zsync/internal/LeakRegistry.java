package io.zsync.internal;

import io.zsync.AsyncStackTrace;
import io.zsync.diagnostics.Leak;
import io.zsync.diagnostics.Leaks;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The leak detector's runtime side (its API is {@link Leaks}): the JVM's level, what is sampled,
 * every tracked object not yet released nor reported, and the reaper that reports those that
 * became unreachable. The reaper starts with the first object tracked, which only a level other
 * than {@code off} makes: with detection off, no thread is started and nothing is kept. Reports go
 * to {@link LeakWatches}.
 */
public final class LeakRegistry {

    /** A tracker that tracks nothing: what an object not sampled gets. */
    public static final Leaks.Tracker UNTRACKED = () -> {};

    /** What {@code -Dzsync.leaks} said when this class initialised. */
    private static final String CONFIGURED = System.getProperty("zsync.leaks", "sample");
    /**
     * The level this JVM runs at, or {@code null} if {@link #CONFIGURED} names none: the class
     * still initialises, so that every use can say what is wrong ({@link #checkConfigured}), which
     * a failed initialisation would say once and then hide behind {@link NoClassDefFoundError}s.
     * With {@code null}, no {@code Io} opens, so the runtime's own checks never meet it.
     */
    private static final Leaks.Level LEVEL = parseLevel(CONFIGURED);

    private static final ReferenceQueue<Object> UNREACHABLE = new ReferenceQueue<>();
    /** Holds the trackers strongly: a phantom reference that is itself unreachable is never enqueued. */
    private static final Set<LeakTracker> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private LeakRegistry() {}

    /** Initialised on the first {@link #track}, as the holder idiom does: a watch alone starts no thread. */
    private static final class Reaper {

        static {
            Thread.ofPlatform().daemon().name("zsync-leak-reaper").start(LeakRegistry::reapForever);
        }

        static void ensureStarted() {
            // Running this class's initialiser, once, is the whole point.
        }
    }

    // ---- levels ------------------------------------------------------------------------------

    /**
     * The level this JVM runs at, from {@code -Dzsync.leaks}.
     *
     * @throws IllegalArgumentException if {@code -Dzsync.leaks} names no level, every time
     */
    public static Leaks.Level level() {
        checkConfigured();
        return LEVEL;
    }

    /**
     * Checks {@code -Dzsync.leaks}.
     *
     * @throws IllegalArgumentException if it names no level, every time it is called
     */
    public static void checkConfigured() {
        if (LEVEL == null) {
            throw new IllegalArgumentException("-Dzsync.leaks=" + CONFIGURED
                    + " is not a leak detection level; use off, sample (the default) or paranoid");
        }
    }

    /**
     * Draws whether to track one more object at {@code level}: always under {@code paranoid},
     * one time in {@value Leaks#SAMPLE_INTERVAL} at random under {@code sample}, never under {@code off}.
     */
    public static boolean sampled(Leaks.Level level) {
        return switch (level) {
            case OFF -> false;
            case SAMPLE -> ThreadLocalRandom.current().nextInt(Leaks.SAMPLE_INTERVAL) == 0;
            case PARANOID -> true;
        };
    }

    /** The level {@code property} names, or {@code null} if it names none. */
    private static Leaks.Level parseLevel(String property) {
        for (Leaks.Level level : Leaks.Level.values()) {
            if (level.name().equalsIgnoreCase(property.strip())) {
                return level;
            }
        }
        return null;
    }

    // ---- what the core tracks ----------------------------------------------------------------

    /**
     * Tracks a future being made: where it was made is its task's spawn site under
     * {@code sample} (already captured, or cached per task class when async traces are off: a
     * capture per sampled spawn would cost more than sampling saves), a fresh capture under
     * {@code paranoid} (the level of the future's {@code Io}).
     */
    public static LeakTracker trackFuture(Leaks.Level level, Object future, Object task, StackTraceElement[] spawnSite,
            SpawnTrace spawner) {
        StackTraceElement[] site = level == Leaks.Level.PARANOID ? UserFrames.capture()
                : spawnSite != null ? spawnSite : SpawnTrace.siteOf(task, AsyncStackTrace.Capture.CACHED);
        return track(future, Leak.Kind.FUTURE, "Future", site, spawner);
    }

    /**
     * Tracks a group being made by the task with trace {@code owner} (or a plain thread: {@code null})
     * at its {@code Io}'s {@code level}, or returns a tracker that does nothing.
     */
    public static Leaks.Tracker trackGroup(Leaks.Level level, Object group, SpawnTrace owner) {
        if (!sampled(level)) {
            return UNTRACKED;
        }
        return track(group, Leak.Kind.GROUP, "Group", UserFrames.capture(), owner);
    }

    /** Reports a task its backend abandoned, suspended, as it closed, unless its {@code Io}'s {@code level} is off. */
    public static void abandoned(Leaks.Level level, String what, StackTraceElement[] spawnSite, SpawnTrace spawner) {
        if (level != Leaks.Level.OFF) {
            LeakWatches.report(new LeakRecord(Leak.Kind.FRAME, what, spawnSite, spawner), next());
        }
    }

    // ---- the registry ------------------------------------------------------------------------

    /** Starts tracking {@code tracked}; the tracker reports it if it becomes unreachable first. */
    public static LeakTracker track(Object tracked, Leak.Kind kind, String what,
            StackTraceElement[] site, SpawnTrace spawner) {
        Reaper.ensureStarted();
        LeakTracker tracker = new LeakTracker(tracked, UNREACHABLE, SEQUENCE.incrementAndGet(),
                kind, what, site, spawner);
        LIVE.add(tracker);
        return tracker;
    }

    /** Stops tracking; {@code true} only for the one caller that stopped it. */
    static boolean forget(LeakTracker tracker) {
        return LIVE.remove(tracker);
    }

    /** The latest sequence number handed out: whatever is tracked later has a greater one. */
    static long now() {
        return SEQUENCE.get();
    }

    /** A sequence number for a leak found now, not through a tracker. */
    private static long next() {
        return SEQUENCE.incrementAndGet();
    }

    /** Reports, on the calling thread, what the collector found unreachable and the reaper has not taken yet. */
    public static void reportUnreachable() {
        for (Reference<?> ref = UNREACHABLE.poll(); ref != null; ref = UNREACHABLE.poll()) {
            ((LeakTracker) ref).report();
        }
    }

    /** Reports every object tracked after {@code sequence} and still neither released nor reported. */
    public static void reportOpenSince(long sequence) {
        for (LeakTracker tracker : LIVE) {
            if (tracker.sequence > sequence) {
                tracker.report();
            }
        }
    }

    private static void reapForever() {
        while (true) {
            try {
                ((LeakTracker) UNREACHABLE.remove()).report();
            } catch (InterruptedException e) {
                // Only the JVM's end stops a daemon; an interrupt is someone else's mistake.
            }
        }
    }
}
