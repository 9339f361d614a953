package io.zsync.diagnostics;

import io.zsync.AsyncStackTrace;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.internal.Access;
import io.zsync.internal.LeakRegistry;
import io.zsync.internal.LeakWatches;
import io.zsync.internal.UserFrames;
import java.util.Objects;
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
 *   <li>a task its backend abandoned as it closed: suspended, or started and not yet begun (on
 *       {@code evented}, a suspended task's coroutine frames never go back to their loop's pool);
 *       at every level but {@code off}, since the backend names each such task as it closes,</li>
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
 * then, or a {@link LeakWatch#check()} on its caller's thread); when a {@link LeakWatch} checks and
 * finds it still open; or, for an abandoned task, when its backend closes, on the thread that
 * abandons it. A report goes to the innermost open {@link LeakWatch} that was opened before
 * the object was made (an abandoned task: before it was abandoned), else to the
 * {@linkplain #sink sink}, whose default logs it as a warning
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
         * was made; other objects capture their stack when made. Abandoned tasks are reported
         * all the same, each one: the backend names them as it closes, so finding them costs no
         * entry per running task.
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

    private Leaks() {}

    /**
     * The level this JVM runs at, from {@code -Dzsync.leaks}: the level of every {@code Io} opened
     * without {@link IoOptions#leaks(Level)}.
     *
     * @throws IllegalArgumentException if {@code -Dzsync.leaks} names no level, every time
     */
    public static Level level() {
        return LeakRegistry.level();
    }

    /**
     * How many leaks were reported since the JVM started, to sinks and watches alike. A leak is
     * counted once delivered: when the count grows, its watch or sink has it.
     */
    public static long reported() {
        return LeakWatches.reported();
    }

    /**
     * Sends the reports no watch claims to {@code newSink} from now on; {@code null} restores the
     * default, a warning through {@link System.Logger}. The sink is called on whichever thread
     * finds the leak, possibly several at once, and must not block; an exception it throws is
     * logged and dropped.
     */
    public static void sink(Consumer<? super Leak> newSink) {
        LeakWatches.sink(newSink == null ? null : leak -> newSink.accept(new Leak(leak)));
    }

    /**
     * Opens a watch that claims the leaks of every object made from now on; close it to stop.
     * The JUnit extension {@code io.zsync.junit.LeakCheck} (zsync-junit) does this around each test.
     */
    public static LeakWatch watch() {
        LeakRegistry.checkConfigured();
        // Even at off: an Io opened with a level of its own may track objects this watch claims.
        return new LeakWatch(LeakWatches.open());
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
        Access.Core core = Access.core();
        if (!LeakRegistry.sampled(core.leakLevelOf(io))) {
            return LeakRegistry.UNTRACKED;
        }
        return LeakRegistry.track(resource, Leak.Kind.RESOURCE, resource.toString(), UserFrames.capture(),
                core.currentTrace(io));
    }
}
