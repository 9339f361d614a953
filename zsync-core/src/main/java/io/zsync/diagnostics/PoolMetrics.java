package io.zsync.diagnostics;

import io.zsync.Io;
import io.zsync.internal.Access;
import io.zsync.spi.PoolStats;
import java.util.List;

/**
 * The pools an {@link Io}'s backend reuses items from, with their size, items in use, high-water
 * mark and misses: on {@code evented}, each event loop's pool of coroutine frames; the thread
 * backends pool nothing. Readers and writers own their buffers, so there is no buffer pool to
 * report. The same numbers are recorded every second as the JFR event {@code io.zsync.Pool}.
 */
public final class PoolMetrics {

    private PoolMetrics() {}

    /**
     * A snapshot of {@code io}'s pools; numbers of a pool that is busy meanwhile may be a moment old.
     * Safe from any thread.
     *
     * @throws IllegalArgumentException if {@code io} was not opened by zsync ({@link Io#open})
     */
    public static List<PoolStats> of(Io io) {
        return Access.core().backendOf(io, "pool metrics").pools();
    }
}
