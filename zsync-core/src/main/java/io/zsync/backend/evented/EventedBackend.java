package io.zsync.backend.evented;

import io.zsync.spi.Backend;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Job;
import io.zsync.spi.PoolStats;
import io.zsync.spi.Strand;
import io.zsync.spi.ThreadStrand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Event loops running stackless coroutines: each task is a coroutine on one of N loops, started
 * on its spawner's loop (round-robin when the spawner is not on one), and it stays there. A task
 * that waits suspends, and its loop runs others; a task waiting on a channel waits in its own
 * loop's selector. Work that cannot wait without blocking (files, name lookups) goes to a
 * {@link BlockingPool}.
 *
 * <p>Only woven code can suspend: zsync-core is woven when it is built, and code that runs in
 * tasks here must be woven too (the zsync Maven plugin, or the agent); a suspending call from code
 * that is not fails with an error naming it. Code that is not in a task at all, such as a
 * {@code main} thread awaiting a future, waits with its thread's {@link ThreadStrand}, as Tokio's
 * {@code block_on} does.
 *
 * <p>Safe to use from any thread.
 */
final class EventedBackend implements Backend {

    static final String NAME = "evented";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    final EventLoop[] loops;
    final BlockingPool blockingPool;
    private final LoopIoDriver driver = new LoopIoDriver(this::place);
    private final AtomicInteger nextLoop = new AtomicInteger();
    private volatile boolean closed;
    private volatile Runnable stallReport;
    /** The loops' summed progress when a stall was last reported: one report per stall. */
    private long reportedAtProgress = -1;

    /**
     * Starts {@code loopCount} loops, and a blocking pool of at most {@code blockingThreads}
     * threads, started as needed. When every loop has had nothing to wait for during
     * {@code stallMillis} (0: never) while tasks are live, the {@linkplain #whenStalled stall report} runs.
     *
     * @throws IllegalArgumentException if either count is less than 1, or {@code stallMillis} is negative
     */
    EventedBackend(int loopCount, int blockingThreads, long stallMillis) {
        if (stallMillis < 0) {
            throw new IllegalArgumentException("the stall report delay must be 0 (never) or more milliseconds, not " + stallMillis);
        }
        if (loopCount < 1) {
            throw new IllegalArgumentException("the evented backend needs at least 1 event loop, not " + loopCount);
        }
        String prefix = "zsync-evented-" + INSTANCES.incrementAndGet();
        blockingPool = new BlockingPool(prefix + "-blocking", blockingThreads);
        loops = new EventLoop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new EventLoop(this, prefix + "-loop-" + i, stallMillis);
        }
        for (EventLoop loop : loops) {
            loop.start();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hasConcurrency() {
        return true;
    }

    /** Always starts the job while the backend is open: a coroutine costs no thread. */
    @Override
    public boolean tryStart(Job job) {
        if (closed) {
            return false;
        }
        place().spawn(job);
        return true;
    }

    @Override
    public String busyReason() {
        return closed ? "the backend is closed" : Backend.super.busyReason();
    }

    /**
     * The strand of the task running on the calling loop thread (of any evented backend, so that a
     * task keeps its identity across them); on any other thread, that thread's {@link ThreadStrand}.
     */
    @Override
    public Strand currentStrand() {
        EventedStrand strand = EventLoop.currentStrand();
        return strand != null ? strand : ThreadStrand.current();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** The calling thread's generator: one per loop, so tasks draw from it without contention. */
    @Override
    public RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    /**
     * Runs {@code report} on a loop thread when no task can make progress: every loop has waited
     * with no work queued, no timer armed and no channel registered, the blocking pool is idle, and
     * tasks are live. Once per stall: again only after some loop ran something.
     */
    @Override
    public void whenStalled(Runnable report) {
        stallReport = report;
    }

    /** Called by {@code stalled}, a loop that waited {@code stallMillis} with nothing to wait for. */
    void loopStalled(EventLoop stalled) {
        Runnable report = stallReport;
        if (report == null || closed || !blockingPool.isIdle()) {
            return;
        }
        long progress = 0;
        for (EventLoop loop : loops) {
            if (loop != stalled && !loop.isQuiet()) {
                return;
            }
            progress += loop.progress();
        }
        synchronized (this) {
            if (progress == reportedAtProgress) {
                return;
            }
            reportedAtProgress = progress;
        }
        report.run();
    }

    /** Each loop's pool of coroutine frames. */
    @Override
    public List<PoolStats> pools() {
        List<PoolStats> pools = new ArrayList<>(loops.length);
        for (EventLoop loop : loops) {
            pools.add(loop.framePool());
        }
        return pools;
    }

    @Override
    public List<Strand> taskStrands() {
        List<Strand> strands = new ArrayList<>();
        for (EventLoop loop : loops) {
            strands.addAll(loop.liveStrands());
        }
        return strands;
    }

    /** Runs {@code work} on the {@link BlockingPool} while the calling strand parks. */
    @Override
    public <T> T callBlocking(Callable<T> work) throws Exception {
        return blockingPool.call(work, currentStrand());
    }

    @Override
    public IoDriver ioDriver() {
        if (closed) {
            throw new IllegalStateException("the '" + NAME + "' backend is closed");
        }
        return driver;
    }

    /**
     * Stops the loops and waits for their threads to end (except the calling one, if a task closes
     * its own backend: its loop ends after the current step), then closes the blocking pool. Tasks
     * still suspended are abandoned: nothing resumes them, so whoever awaits them outside the
     * backend waits until its own deadline or cancellation. Waiters on channels are woken, and find
     * the driver closed when they watch again. Work already in the blocking pool runs to its end.
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        driver.shutdown();
        for (EventLoop loop : loops) {
            loop.shutdown();
        }
        boolean interrupted = false;
        for (EventLoop loop : loops) {
            while (loop != Thread.currentThread() && loop.isAlive()) {
                try {
                    loop.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        blockingPool.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The calling thread's loop if it is one of this backend's, else the next loop in turn. */
    private EventLoop place() {
        EventLoop here = EventLoop.current();
        if (here != null && here.owner == this) {
            return here;
        }
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }
}
