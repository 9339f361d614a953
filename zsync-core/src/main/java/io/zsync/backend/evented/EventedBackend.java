package io.zsync.backend.evented;

import io.zsync.spi.Backend;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Job;
import io.zsync.spi.PoolStats;
import io.zsync.spi.Strand;
import io.zsync.spi.kit.BlockingPool;
import io.zsync.spi.kit.StrandCarrier;
import io.zsync.spi.kit.ThreadStrand;
import io.zsync.spi.kit.nio.NioDriver;
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
 * loop's selector. Work that cannot wait without blocking goes to a {@link BlockingPool}
 * ({@code io.blocking}); files and name lookups go to the NIO driver, which runs them on threads
 * of its own.
 *
 * <p>Only woven code can suspend: zsync-core is woven when it is built, and code that runs in
 * tasks here must be woven too (the zsync Maven plugin, or the agent); a suspending call from code
 * that is not fails with an error naming it. Code that is not in a task at all, such as a
 * {@code main} thread awaiting a future, waits with its thread's {@link ThreadStrand}, as Tokio's
 * {@code block_on} does. A task of another backend's {@code Io} waiting on this one's primitives
 * waits as its own strand does, and a task here waiting on another {@code Io}'s primitives
 * suspends (see {@link io.zsync.spi.kit.StrandCarrier}).
 *
 * <p>A task that interrupts its thread (its code, or a library restoring an interrupt) asks for
 * its own cancellation, as on a thread of its own: the interrupt status goes with the task, and
 * its next wait takes it as a cancellation request. An interrupt of a loop thread from outside is
 * cleared and ignored; cancel a task through its future.
 *
 * <p>Safe to use from any thread.
 */
final class EventedBackend implements Backend {

    static final String NAME = "evented";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    final EventLoop[] loops;
    final BlockingPool blockingPool;
    private final LoopIoDriver readiness = new LoopIoDriver(this::place);
    /** Sockets on the loops' selectors; file and path calls on the driver's file threads, never on a loop. */
    private final NioDriver driver = new NioDriver(readiness, false);
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
        return !closed && place().spawn(job);
    }

    @Override
    public String busyReason() {
        return closed ? "the backend is closed" : Backend.super.busyReason();
    }

    /**
     * The strand of the task running on the calling loop thread (of any evented backend, so that a
     * task keeps its identity across them); on any other thread, that thread's {@link ThreadStrand}.
     * Every backend resolves it so ({@link StrandCarrier#current()}).
     */
    @Override
    public Strand currentStrand() {
        return StrandCarrier.current();
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
     * with no work queued, no timer armed and no channel registered, tasks are live, and the
     * blocking pool is idle or its busy threads all wait on zsync primitives with no free thread for
     * the work queued (blocking work awaiting a task that awaits the pool), and the I/O driver has
     * no file call or lookup in flight ({@link IoDriver#externalPending()}). Once per stall: again
     * only after some loop ran something.
     */
    @Override
    public void whenStalled(Runnable report) {
        stallReport = report;
    }

    /** Called by {@code stalled}, a loop that waited {@code stallMillis} with nothing to wait for. */
    void loopStalled(EventLoop stalled) {
        Runnable report = stallReport;
        if (report == null || closed || !blockingPool.canOnlyWaitForTasks() || driver.externalPending() > 0
                || stalled.hasForeignWork()) {
            // The last check is after the driver's: a file call that ended since woke its strand first.
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

    /**
     * Runs {@code work} on the {@link BlockingPool} while the calling task suspends, when the
     * caller is a task on an event loop (of any evented backend). Any other thread (a pool thread
     * doing blocking work that does more, a plain thread such as {@code main}) holds up no loop:
     * the work runs inline there, so that nested blocking work never waits for a pool thread that
     * its own caller occupies.
     */
    @Override
    public <T> T callBlocking(Callable<T> work) throws Exception {
        EventedStrand task = EventLoop.currentStrand();
        return task == null ? work.call() : blockingPool.call(work, task);
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
     * its own backend: its loop ends after the current step), then closes the blocking pool. A task
     * running on a loop at that moment goes on until it next waits or ends. Tasks then suspended,
     * and tasks started that have not begun, are abandoned ({@link Job#abandoned()}): they never
     * run on, and their futures complete with {@code CanceledException} saying the {@code Io} was
     * closed while the task was suspended or before it started, so whoever awaits them, in the
     * backend or outside it, is woken. Waiters on channels are woken, and find the driver closed
     * when they watch again. Work already in the blocking pool runs to its end. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        readiness.shutdown();
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
