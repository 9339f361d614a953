package io.zsync.internal;

import io.zsync.internal.jfr.PoolEvent;
import io.zsync.Io;
import io.zsync.diagnostics.PoolMetrics;
import io.zsync.internal.jfr.PoolEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * The Ios open in this JVM, for what looks at all of them at once: the task dump on a signal and
 * the periodic pool statistics of JFR. Thread-safe.
 */
public final class OpenIos {

    private static final Set<Io> OPEN = ConcurrentHashMap.newKeySet();

    static {
        // Registering a periodic event starts JFR's machinery (tens of milliseconds): do it only once
        // the recorder is initialized, which a listener learns at no cost (at once if it is already).
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                FlightRecorder.addPeriodicEvent(PoolEvent.class, () -> {
                    for (Io io : OPEN) {
                        PoolEvent.commitAll(io.name(), PoolMetrics.of(io));
                    }
                });
            }
        });
    }

    private OpenIos() {}

    /** {@code io}, opened by zsync, is open now. */
    public static void opened(Io io) {
        OPEN.add(io);
    }

    /** {@code io} closed. */
    public static void closed(Io io) {
        OPEN.remove(io);
    }

    /** A snapshot of the open Ios. */
    public static List<Io> all() {
        return List.copyOf(OPEN);
    }
}
