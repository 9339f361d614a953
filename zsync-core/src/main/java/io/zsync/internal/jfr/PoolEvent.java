package io.zsync.internal.jfr;

import io.zsync.spi.PoolStats;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * {@code io.zsync.Pool}: every second of a recording, one event per pool of every open
 * {@code Io}'s backend, with what {@link io.zsync.diagnostics.PoolMetrics} reports.
 */
@Name("io.zsync.Pool")
@Label("Pool")
@Category("zsync")
@Description("A pool a backend reuses items from (an event loop's coroutine frames): size, in use, high-water mark, misses")
@Period("1 s")
@StackTrace(false)
public final class PoolEvent extends jdk.jfr.Event {

    @Label("Backend")
    String backend;

    @Label("Pool")
    String pool;

    @Label("Size")
    @Description("Items in the pool, free for reuse")
    int size;

    @Label("In Use")
    @Description("Items taken from the pool and not back yet")
    int inUse;

    @Label("High Water")
    @Description("The most items in use at once since the pool was made")
    int highWater;

    @Label("Misses")
    @Description("Times an item was wanted and the pool had none, so one was made")
    long misses;

    /** Commits one event per pool in {@code pools}, the pools of the backend of the {@code Io} named {@code backend}. */
    public static void commitAll(String backend, List<PoolStats> pools) {
        for (PoolStats stats : pools) {
            PoolEvent event = new PoolEvent();
            event.backend = backend;
            event.pool = stats.pool();
            event.size = stats.size();
            event.inUse = stats.inUse();
            event.highWater = stats.highWater();
            event.misses = stats.misses();
            event.commit();
        }
    }
}
