package io.zsync;

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
final class OpenIos {

    private static final Set<CoreIo> OPEN = ConcurrentHashMap.newKeySet();

    static {
        // Registering a periodic event starts JFR's machinery (tens of milliseconds): do it only once
        // the recorder is initialized, which a listener learns at no cost (at once if it is already).
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                FlightRecorder.addPeriodicEvent(PoolEvent.class, () -> {
                    for (CoreIo io : OPEN) {
                        PoolEvent.commitAll(io.name(), io.backend().pools());
                    }
                });
            }
        });
    }

    private OpenIos() {}

    static void opened(CoreIo io) {
        OPEN.add(io);
    }

    static void closed(CoreIo io) {
        OPEN.remove(io);
    }

    /** A snapshot of the open Ios. */
    static List<CoreIo> all() {
        return List.copyOf(OPEN);
    }
}
