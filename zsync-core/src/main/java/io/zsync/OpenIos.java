package io.zsync;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;

/**
 * The Ios open in this JVM, for what looks at all of them at once: the task dump on a signal and
 * the periodic pool statistics of JFR. Thread-safe.
 */
final class OpenIos {

    private static final Set<CoreIo> OPEN = ConcurrentHashMap.newKeySet();

    static {
        FlightRecorder.addPeriodicEvent(PoolEvent.class, () -> {
            for (CoreIo io : OPEN) {
                PoolEvent.commitAll(io);
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
