package io.zsync.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.diagnostics.PoolMetrics;
import io.zsync.diagnostics.TaskDump;
import io.zsync.spi.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/** Pool metrics: the evented backend's frame pools, through the API and as the JFR event io.zsync.Pool. */
class PoolMetricsTest {

    private static final int TASKS = 10;

    @Test
    void pool_metrics_count_frames_in_use_the_high_water_mark_and_misses_then_reuse_without_misses() throws Exception {
        try (Io io = Io.open("evented")) {
            Event go = io.event();
            List<Future<Void, RuntimeException>> waiting = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                waiting.add(io.concurrent(() -> go.await()));
            }
            while (TaskDump.of(io).tasks().stream().filter(TaskDump.Task::isWaiting).count() < TASKS) {
                Thread.onSpinWait();
            }
            List<PoolStats> busy = PoolMetrics.of(io);
            assertEquals(TASKS, total(busy, PoolStats::inUse), busy::toString);
            assertTrue(total(busy, PoolStats::highWater) >= TASKS, busy::toString);
            assertTrue(total(busy, PoolStats::misses) >= TASKS, "each waiting task needed a new frame: " + busy);

            go.set();
            for (Future<Void, RuntimeException> f : waiting) {
                f.await();
            }
            List<PoolStats> idle = PoolMetrics.of(io);
            assertEquals(0, total(idle, PoolStats::inUse), idle::toString);
            assertTrue(total(idle, PoolStats::size) >= 1, "frames went back to their pools: " + idle);

            long missesBefore = total(idle, PoolStats::misses);
            io.concurrent(() -> {
                // Spawned on a loop, one after the other: each child takes the frame the last one gave back.
                for (int i = 0; i < TASKS; i++) {
                    io.concurrent(() -> 1).await();
                }
            }).await();
            assertEquals(missesBefore + 1, total(PoolMetrics.of(io), PoolStats::misses),
                    "only the parent, spawned from outside the loops, needed a new frame");
        }
    }

    @Test
    void jfr_pool_event_reports_each_loop_s_frame_pool_of_an_open_io() throws Exception {
        try (Io io = Io.open("evented"); RecordingStream stream = new RecordingStream()) {
            io.concurrent(() -> 1).await();
            int loops = PoolMetrics.of(io).size();
            Map<String, RecordedEvent> latestByPool = new ConcurrentHashMap<>();
            CountDownLatch everyPoolSeen = new CountDownLatch(1);
            stream.enable("io.zsync.Pool").withPeriod(Duration.ofMillis(10));
            stream.onEvent("io.zsync.Pool", event -> {
                if (event.getString("backend").equals("evented")) {
                    latestByPool.putIfAbsent(event.getString("pool"), event);
                    if (latestByPool.size() == loops) {
                        everyPoolSeen.countDown();
                    }
                }
            });
            stream.startAsync();
            assertTrue(everyPoolSeen.await(60, TimeUnit.SECONDS), "not every loop's pool was reported: " + latestByPool.keySet());
            Collection<RecordedEvent> pools = latestByPool.values();
            assertTrue(pools.stream().allMatch(e -> e.getString("pool").contains("-loop-")), pools::toString);
            assertEquals(1, pools.stream().mapToInt(e -> e.getInt("size")).sum(), "the one task's frame is back: " + pools);
            assertEquals(1, pools.stream().mapToLong(e -> e.getLong("misses")).sum(), pools::toString);
            assertEquals(1, pools.stream().mapToInt(e -> e.getInt("highWater")).sum(), pools::toString);
        }
    }

    private static long total(List<PoolStats> pools, ToLongFunction<PoolStats> number) {
        return pools.stream().mapToLong(number).sum();
    }
}
