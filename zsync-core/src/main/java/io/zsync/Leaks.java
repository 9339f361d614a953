package io.zsync;

import io.zsync.internal.UserFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The leak detector: Java's answer to Zig's leak-checking allocator. It reports
 *
 * <ul>
 *   <li>a {@link Future} never awaited, canceled nor closed,</li>
 *   <li>a {@link Group} never awaited nor closed,</li>
 *   <li>a file, socket or listener ({@link io.zsync.fs.File}, {@link io.zsync.net.Connection},
 *       {@link io.zsync.net.Listener}, {@link io.zsync.net.UdpSocket}, or anything passed to
 *       {@link #track}) never closed,</li>
 *   <li>a task abandoned, suspended, when its backend closed (on {@code evented}, its coroutine
 *       frames never go back to their loop's pool; under {@code paranoid} only, see
 *       {@link Level#SAMPLE}),</li>
 * </ul>
 *
 * each as a {@link Leak}: where the object was made and the spawn chain of the task that made it.
 *
 * <h2>Levels</h2>
 * Each {@code Io} tracks what it makes at its own {@link Level}: {@link IoOptions#leaks(Level)}
 * if it was opened with one, else the level of this JVM, which the system property
 * {@code zsync.leaks} selects, read once when this class initialises: {@code off},
 * {@code sample} (the default) or {@code paranoid}. Objects not made through an {@code Io} of
 * zsync's ({@link #track} with another {@code Io}) are tracked at the JVM's level.
 *
 * <h2>When a report happens</h2>
 * A tracked object is reported once, on whichever thread finds it: when the garbage collector
 * finds it unreachable while still open (a daemon thread, {@code zsync-leak-reaper}, reports it
 * then); when a {@link LeakWatch} checks and finds it still open; or, for an abandoned task, when
 * its backend closes. A report goes to the innermost open {@link LeakWatch} that was opened before
 * the object was made, else to the {@linkplain #sink sink}, whose default logs it as a warning
 * through {@link System.Logger} {@code io.zsync.Leaks}.
 *
 * <p>Every method is safe to call from any thread.
 */
public final class Leaks {

    /** How much the detector tracks. */
    public enum Level {
        /** Nothing: the checks cost one comparison each, and no thread is started. */
        OFF,
        /**
         * One object in {@value #SAMPLE_INTERVAL}, chosen at random, as Netty's detector does:
         * cheap enough to leave on in production, and a leak that repeats is found soon enough. A
         * sampled future records its task's spawn site (see {@link AsyncStackTrace}) as where it
         * was made; other objects capture their stack when made. Abandoned tasks are not
         * looked for: that needs an entry per running task, which would cost more than a
         * suspended task may.
         */
        SAMPLE,
        /** Every object, each capturing its stack when made: for tests and CI. */
        PARANOID
    }

    /** Under {@link Level#SAMPLE}, one object in this many is tracked. */
    public static final int SAMPLE_INTERVAL = 128;

    /** What {@link #track} hands out and every tracked class releases: closing it ends the tracking. */
    public interface Tracker extends AutoCloseable {

        /** The object was released properly: it is no longer tracked, nor reported. Idempotent. */
        @Override
        void close();
    }

    /** What {@code -Dzsync.leaks} said when this class initialised. */
    private static final String CONFIGURED = System.getProperty("zsync.leaks", "sample");
    /**
     * The level this JVM runs at, or {@code null} if {@link #CONFIGURED} names none: the class
     * still initialises, so that every use can say what is wrong ({@link #checkConfigured}), which
     * a failed initialisation would say once and then hide behind {@link NoClassDefFoundError}s.
     * With {@code null}, no {@code Io} opens, so the runtime's own checks never meet it.
     */
    static final Level LEVEL = parseLevel(CONFIGURED);

    private static final Tracker UNTRACKED = () -> {};
    private static final System.Logger LOG = System.getLogger(Leaks.class.getName());
    private static final Consumer<Leak> LOG_SINK = leak -> LOG.log(System.Logger.Level.WARNING, leak.toString());
    private static final AtomicLong REPORTED = new AtomicLong();
    /** Open watches, oldest first. Guarded by itself. */
    private static final List<LeakWatch> WATCHES = new ArrayList<>();
    private static volatile Consumer<? super Leak> sink = LOG_SINK;

    private Leaks() {}

    /**
     * The level this JVM runs at, from {@code -Dzsync.leaks}: the level of every {@code Io} opened
     * without {@link IoOptions#leaks(Level)}.
     *
     * @throws IllegalArgumentException if {@code -Dzsync.leaks} names no level, every time
     */
    public static Level level() {
        checkConfigured();
        return LEVEL;
    }

    /**
     * How many leaks were reported since the JVM started, to sinks and watches alike. A leak is
     * counted once delivered: when the count grows, its watch or sink has it.
     */
    public static long reported() {
        return REPORTED.get();
    }

    /**
     * Sends the reports no watch claims to {@code newSink} from now on; {@code null} restores the
     * default, a warning through {@link System.Logger}. The sink is called on whichever thread
     * finds the leak, possibly several at once, and must not block; an exception it throws is
     * logged and dropped.
     */
    public static void sink(Consumer<? super Leak> newSink) {
        sink = newSink == null ? LOG_SINK : newSink;
    }

    /**
     * Opens a watch that claims the leaks of every object made from now on; close it to stop.
     * The JUnit extension {@code io.zsync.junit.LeakCheck} (zsync-junit) does this around each test.
     */
    public static LeakWatch watch() {
        checkConfigured();
        // Even at off: an Io opened with a level of its own may track objects this watch claims.
        synchronized (WATCHES) {
            LeakWatch watch = new LeakWatch(LeakRegistry.now());
            WATCHES.add(watch);
            return watch;
        }
    }

    /**
     * Tracks a resource of your own, made now by the task (or thread) running on {@code io}: it is
     * reported as a {@link Leak.Kind#RESOURCE} leak if it becomes unreachable, or a watch checks,
     * before the returned tracker is closed. Close the tracker where the resource is closed; keep
     * it in the resource, never the other way round. At {@code io}'s level: under {@code sample},
     * most resources are not tracked, and {@code off} tracks none: the tracker returned then does
     * nothing.
     */
    public static Tracker track(Io io, Object resource) {
        Objects.requireNonNull(resource, "resource is null; pass the object to track");
        Level level = io instanceof CoreIo core ? core.leakLevel() : level();
        if (!sampled(level)) {
            return UNTRACKED;
        }
        Future<?, ?> task = io instanceof CoreIo core ? core.currentTask() : null;
        return LeakRegistry.track(resource, Leak.Kind.RESOURCE, resource.toString(), UserFrames.capture(),
                task == null ? null : task.trace());
    }

    /**
     * Draws whether to track one more object at {@code level}: always under {@code paranoid},
     * one time in {@value #SAMPLE_INTERVAL} at random under {@code sample}, never under {@code off}.
     */
    static boolean sampled(Level level) {
        return switch (level) {
            case OFF -> false;
            case SAMPLE -> ThreadLocalRandom.current().nextInt(SAMPLE_INTERVAL) == 0;
            case PARANOID -> true;
        };
    }

    // ---- the runtime's side ------------------------------------------------------------------

    /** The level {@code property} names, or {@code null} if it names none. */
    private static Level parseLevel(String property) {
        for (Level level : Level.values()) {
            if (level.name().equalsIgnoreCase(property.strip())) {
                return level;
            }
        }
        return null;
    }

    /**
     * Checks {@code -Dzsync.leaks}: {@link Io#open} calls this before it starts a backend.
     *
     * @throws IllegalArgumentException if it names no level, every time it is called
     */
    static void checkConfigured() {
        if (LEVEL == null) {
            throw new IllegalArgumentException("-Dzsync.leaks=" + CONFIGURED
                    + " is not a leak detection level; use off, sample (the default) or paranoid");
        }
    }

    /**
     * Tracks a future being made: where it was made is its task's spawn site under
     * {@code sample} (already captured, or cached per task class when async traces are off: a
     * capture per sampled spawn would cost more than sampling saves), a fresh capture under
     * {@code paranoid} (the level of the future's {@code Io}).
     */
    static LeakTracker trackFuture(Level level, Future<?, ?> future, Object task, StackTraceElement[] spawnSite,
            SpawnTrace spawner) {
        StackTraceElement[] site = level == Level.PARANOID ? UserFrames.capture()
                : spawnSite != null ? spawnSite : SpawnTrace.siteOf(task, AsyncStackTrace.Capture.CACHED);
        return LeakRegistry.track(future, Leak.Kind.FUTURE, "Future", site, spawner);
    }

    /**
     * Tracks a group being made by {@code ownerTask} (or a plain thread) at its {@code Io}'s
     * {@code level}, or returns a tracker that does nothing.
     */
    static Tracker trackGroup(Level level, Group<?> group, Future<?, ?> ownerTask) {
        if (!sampled(level)) {
            return UNTRACKED;
        }
        return LeakRegistry.track(group, Leak.Kind.GROUP, "Group", UserFrames.capture(),
                ownerTask == null ? null : ownerTask.trace());
    }

    /** Reports a task its backend abandoned, suspended, as it closed, unless its {@code Io}'s {@code level} is off. */
    static void abandoned(Level level, String what, StackTraceElement[] spawnSite, SpawnTrace spawner) {
        if (level != Level.OFF) {
            report(new Leak(Leak.Kind.FRAME, what, spawnSite, spawner), LeakRegistry.next());
        }
    }

    /** Hands {@code leak} of an object with the given sequence number to the watch that claims it, else to the sink. */
    static void report(Leak leak, long sequence) {
        LeakWatch claimant = null;
        synchronized (WATCHES) {
            for (int i = WATCHES.size() - 1; i >= 0 && claimant == null; i--) {
                if (WATCHES.get(i).start < sequence) {
                    claimant = WATCHES.get(i);
                }
            }
        }
        try {
            if (claimant != null) {
                claimant.claim(leak);
            } else {
                sink.accept(leak);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the leak sink failed; the leak it was given:\n" + leak, e);
        } finally {
            REPORTED.incrementAndGet();
        }
    }

    static void unwatch(LeakWatch watch) {
        synchronized (WATCHES) {
            WATCHES.remove(watch);
        }
    }
}
