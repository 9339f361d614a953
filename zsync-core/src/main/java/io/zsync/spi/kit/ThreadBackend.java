package io.zsync.spi.kit;

import io.zsync.coroutine.NeverSuspends;
import io.zsync.spi.Backend;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Job;
import io.zsync.spi.Strand;
import io.zsync.spi.kit.nio.NioDriver;
import io.zsync.spi.kit.nio.SelectorDriver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Base for backends that run tasks on Java threads: the strand is the thread's
 * {@link ThreadStrand} (or, on another backend's {@link StrandCarrier}, the strand it runs), time is {@link System#nanoTime()}, randomness is
 * {@link ThreadLocalRandom}, and the I/O driver is the NIO one over a selector on a thread of its
 * own, started on first use. A subclass says how tasks are started, and runs each started job's task through
 * {@link #runTask(Job)} so that a task dump lists it.
 */
public abstract class ThreadBackend implements Backend {

    /** The strands running started tasks that have waited: what {@link #taskStrands()} lists. */
    private final Set<ThreadStrand> running = ConcurrentHashMap.newKeySet();
    private SelectorDriver selector;
    private NioDriver driver;
    private boolean closed;

    /** For subclasses. */
    protected ThreadBackend() {}

    @Override
    public final synchronized IoDriver ioDriver() {
        if (closed) {
            throw new IllegalStateException("the '" + name() + "' backend is closed");
        }
        if (driver == null) {
            selector = new SelectorDriver(name());
            driver = new NioDriver(selector, true);
        }
        return driver;
    }

    /**
     * The calling thread's {@link ThreadStrand}; on a thread that runs other strands in turn (a
     * {@link StrandCarrier}, such as another backend's event loop), the strand running on it: a task
     * of that backend waits on this backend's primitives as its own strand waits.
     */
    @Override
    public final Strand currentStrand() {
        return StrandCarrier.current();
    }

    /**
     * The strands of the started tasks that have waited at least once (parked): a task that has
     * run without waiting since it started is not listed, which keeps the list free for tasks that
     * never wait.
     */
    @Override
    public final List<Strand> taskStrands() {
        return List.copyOf(running);
    }

    /**
     * Runs {@code job}'s task ({@link Job#runTask(Strand)}, not its publication) on the calling thread,
     * listed among the {@linkplain #taskStrands() task strands} once it waits, and clears the
     * thread's interrupt status after it. A subclass runs every job it started through this, then
     * publishes it; a task run otherwise is missing from dumps.
     */
    @NeverSuspends
    protected final void runTask(Job job) {
        ThreadStrand strand = ThreadStrand.current();
        strand.taskStarted(running);
        try {
            job.runTask(strand);
        } finally {
            strand.taskEnded();
            // An interrupt the task left set is its own: a pool thread must not idle on it (its
            // parks would return at once) nor hand it to its next task as a cancellation.
            Thread.interrupted();
        }
    }

    @Override
    public final long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    /** Stops the I/O driver, if it was started, then {@linkplain #release() releases} the subclass's threads. */
    @Override
    public final void close() {
        SelectorDriver started;
        synchronized (this) {
            closed = true;
            started = selector;
        }
        if (started != null) {
            started.shutdown();
        }
        release();
    }

    /** Releases what the subclass holds, such as pool threads. Called once, by {@link #close()}. */
    protected void release() {}
}
