package io.zsync.backend.evented;

import io.zsync.IoOptions;
import io.zsync.spi.Backend;
import io.zsync.spi.IoProvider;
import java.time.Duration;
import java.util.Set;

/**
 * Provides the {@code evented} backend: event loops running stackless coroutines. It takes these
 * {@link IoOptions}, each falling back to a system property, then to a built-in default:
 * {@link IoOptions#loops(int) loops}, the number of event loops ({@code zsync.evented.loops}, by
 * default the number of processors); {@link IoOptions#blockingThreads(int) blockingThreads}, the
 * bound of the pool for blocking work ({@code zsync.evented.blockingThreads}, by default twice the
 * number of processors, at least 4); and {@link IoOptions#stallReport(Duration) stallReport}: when
 * no task can make progress for that long, a possible deadlock is reported with a task dump
 * ({@code zsync.evented.stallReportMillis}, by default 2000; 0 turns it off).
 */
public final class EventedProvider implements IoProvider {

    private static final Duration DEFAULT_STALL_REPORT = Duration.ofSeconds(2);

    /** For {@link java.util.ServiceLoader}. */
    public EventedProvider() {}

    @Override
    public String name() {
        return EventedBackend.NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of("loops", "blockingThreads", "stallReport");
    }

    @Override
    public Backend create() {
        return create(IoOptions.defaults());
    }

    @Override
    public Backend create(IoOptions options) {
        int processors = Runtime.getRuntime().availableProcessors();
        return new EventedBackend(options.loops().orElse(processors),
                options.blockingThreads().orElse(Math.max(4, 2 * processors)),
                options.stallReport().orElse(DEFAULT_STALL_REPORT).toMillis());
    }
}
