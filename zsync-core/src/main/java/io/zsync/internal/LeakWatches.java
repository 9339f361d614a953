package io.zsync.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where leak reports go: to the innermost open watch that was opened before the leaked object was
 * made, else to the sink, whose default logs each as a warning through {@link System.Logger}
 * {@code io.zsync.Leaks} (its name before the diagnostics package). The API over it is {@link io.zsync.diagnostics.Leaks} and
 * {@link io.zsync.diagnostics.LeakWatch}. Thread-safe.
 */
public final class LeakWatches {

    /** The leaks one watch claimed: those of objects made after it opened. */
    public static final class Watch {

        /** Objects with a greater sequence number were made after this watch opened. */
        private final long start;
        /** Guarded by {@code this}. */
        private final List<LeakRecord> found = new ArrayList<>();

        private Watch(long start) {
            this.start = start;
        }

        /** The sequence number before which objects were made before this watch opened. */
        public long start() {
            return start;
        }

        /** The leaks claimed since the last call, oldest first; they are no longer held here. */
        public synchronized List<LeakRecord> drain() {
            List<LeakRecord> leaks = List.copyOf(found);
            found.clear();
            return leaks;
        }

        private synchronized void claim(LeakRecord leak) {
            found.add(leak);
        }
    }

    private static final System.Logger LOG = System.getLogger("io.zsync.Leaks");
    private static final Consumer<LeakRecord> LOG_SINK = leak -> LOG.log(System.Logger.Level.WARNING, leak.report());
    private static final AtomicLong REPORTED = new AtomicLong();
    /** Open watches, oldest first. Guarded by itself. */
    private static final List<Watch> WATCHES = new ArrayList<>();
    private static volatile Consumer<? super LeakRecord> sink = LOG_SINK;

    private LeakWatches() {}

    /** How many leaks were delivered since the JVM started, to sinks and watches alike. */
    public static long reported() {
        return REPORTED.get();
    }

    /** Sends the reports no watch claims to {@code newSink} from now on; {@code null} restores the logging default. */
    public static void sink(Consumer<? super LeakRecord> newSink) {
        sink = newSink == null ? LOG_SINK : newSink;
    }

    /** Opens a watch that claims the leaks of every object tracked from now on. */
    public static Watch open() {
        synchronized (WATCHES) {
            Watch watch = new Watch(LeakRegistry.now());
            WATCHES.add(watch);
            return watch;
        }
    }

    /** Stops {@code watch} claiming leaks. Idempotent. */
    public static void close(Watch watch) {
        synchronized (WATCHES) {
            WATCHES.remove(watch);
        }
    }

    /** Hands {@code leak} of an object with the given sequence number to the watch that claims it, else to the sink. */
    static void report(LeakRecord leak, long sequence) {
        Watch claimant = null;
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
            LOG.log(System.Logger.Level.ERROR, "the leak sink failed; the leak it was given:\n" + leak.report(), e);
        } finally {
            REPORTED.incrementAndGet();
        }
    }
}
