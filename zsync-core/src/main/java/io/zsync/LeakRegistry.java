package io.zsync;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every tracked object not yet released nor reported, and the reaper that reports those that
 * became unreachable. The reaper starts with the first object tracked, which only a level other
 * than {@code off} makes: with detection off, no thread is started and nothing is kept.
 */
final class LeakRegistry {

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

    /** Starts tracking {@code tracked}; the tracker reports it if it becomes unreachable first. */
    static LeakTracker track(Object tracked, Leak.Kind kind, String what,
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
    static long next() {
        return SEQUENCE.incrementAndGet();
    }

    /** Reports, on the calling thread, what the collector found unreachable and the reaper has not taken yet. */
    static void reportUnreachable() {
        for (Reference<?> ref = UNREACHABLE.poll(); ref != null; ref = UNREACHABLE.poll()) {
            ((LeakTracker) ref).report();
        }
    }

    /** Reports every object tracked after {@code sequence} and still neither released nor reported. */
    static void reportOpenSince(long sequence) {
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
