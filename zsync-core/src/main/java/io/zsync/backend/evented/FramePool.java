package io.zsync.backend.evented;

import io.zsync.spi.PoolStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event loop's strands, each a coroutine and its frame storage: the idle ones, kept for reuse
 * (at most {@link #IDLE_STRANDS}), and the live ones, whose tasks started on the loop and have not
 * ended. A strand is taken for a task, is live from its first step to its task's end, then goes back
 * to the idle ones if there is room. Written by the loop thread only, so it needs no lock;
 * {@link #newStrand()}, {@link #live()} and {@link #stats()} are safe from any thread.
 */
final class FramePool {

    /** Keeps at most this many idle strands for reuse. */
    private static final int IDLE_STRANDS = 256;

    private final EventLoop loop;
    private final ArrayDeque<EventedStrand> idle = new ArrayDeque<>();
    /**
     * The live strands, in {@code [0, liveCount)}; each knows its index. Read by a task dump as a
     * snapshot.
     */
    private EventedStrand[] live = new EventedStrand[16];
    private int liveCount;
    /** For the metrics: the most live strands at once. */
    private int liveHighWater;
    /** For the metrics: strands made because none was idle (a foreign spawn always makes one). */
    private final AtomicLong made = new AtomicLong();

    /** The pool of {@code loop}'s strands, empty. */
    FramePool(EventLoop loop) {
        this.loop = loop;
    }

    /** An idle strand, or a new one if none is idle. Loop thread only. */
    EventedStrand take() {
        EventedStrand strand = idle.pollFirst();
        return strand == null ? newStrand() : strand;
    }

    /** A new strand, for a task spawned from another thread than the loop's: the loop recycles it. Any thread. */
    EventedStrand newStrand() {
        made.incrementAndGet();
        return new EventedStrand(loop);
    }

    /** Counts {@code strand} live from its first step on, unless it is already. Loop thread only. */
    void stepping(EventedStrand strand) {
        if (strand.liveIndex() >= 0) {
            return;
        }
        if (liveCount == live.length) {
            live = Arrays.copyOf(live, liveCount * 2);
        }
        strand.liveIndex(liveCount);
        live[liveCount++] = strand;
        liveHighWater = Math.max(liveHighWater, liveCount);
    }

    /**
     * {@code strand}'s task ended: the strand is no longer live, is {@linkplain EventedStrand#ended()
     * ended}, and goes back to the idle ones if there is room. Loop thread only.
     */
    void ended(EventedStrand strand) {
        removeLive(strand);
        strand.ended();
        if (idle.size() < IDLE_STRANDS) {
            idle.addFirst(strand);
        }
    }

    /** Whether tasks are live on the loop. Loop thread only. */
    boolean hasLive() {
        return liveCount > 0;
    }

    /**
     * The live strands. Any thread: from another thread than the loop's, a best-effort snapshot (a
     * strand may be missing or ended already).
     */
    List<EventedStrand> live() {
        EventedStrand[] snapshot = live;
        int count = Math.min(liveCount, snapshot.length);
        List<EventedStrand> strands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EventedStrand strand = snapshot[i];
            if (strand != null) {
                strands.add(strand);
            }
        }
        return strands;
    }

    /**
     * The pool's numbers, named after its loop: idle strands, live ones, the most live at once, and
     * the strands made because none was idle. Any thread; racy but each number whole.
     */
    PoolStats stats() {
        return new PoolStats(loop.getName() + " frames", idle.size(), liveCount, liveHighWater, made.get());
    }

    /** Removes {@code strand} by moving the last live strand into its place. */
    private void removeLive(EventedStrand strand) {
        int i = strand.liveIndex();
        EventedStrand last = live[--liveCount];
        live[liveCount] = null;
        if (last != strand) {
            live[i] = last;
            last.liveIndex(i);
        }
        strand.liveIndex(-1);
    }
}
