package io.zsync.backend.evented;

import io.zsync.spi.Backend;
import io.zsync.spi.IoProvider;

/**
 * Provides the {@code evented} backend: event loops running stackless coroutines. The number of
 * loops is the system property {@code zsync.evented.loops}, by default the number of processors;
 * the bound of the pool for blocking work is {@code zsync.evented.blockingThreads}, by default
 * twice the number of processors (at least 4). When no task can make progress for
 * {@code zsync.evented.stallReportMillis} (default 2000; 0 turns it off), a possible deadlock is
 * reported with a task dump.
 */
public final class EventedProvider implements IoProvider {

    private static final int DEFAULT_STALL_REPORT_MILLIS = 2000;

    /** For {@link java.util.ServiceLoader}. */
    public EventedProvider() {}

    @Override
    public String name() {
        return EventedBackend.NAME;
    }

    @Override
    public Backend create() {
        int processors = Runtime.getRuntime().availableProcessors();
        return new EventedBackend(count("zsync.evented.loops", "event loops", processors),
                count("zsync.evented.blockingThreads", "threads", Math.max(4, 2 * processors)),
                count("zsync.evented.stallReportMillis", "milliseconds", DEFAULT_STALL_REPORT_MILLIS));
    }

    private static int count(String property, String what, int fallback) {
        String configured = System.getProperty(property);
        try {
            return configured == null ? fallback : Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + property + " must be a whole number of " + what + ", not '"
                    + configured + "'", e);
        }
    }
}
