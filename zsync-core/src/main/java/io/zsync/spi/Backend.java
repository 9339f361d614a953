package io.zsync.spi;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/**
 * What a backend implements: how work is started, how the code running on it parks, and what
 * time it is. The runtime core builds every {@link io.zsync.Io} operation on these methods.
 *
 * <p>Implementations must be safe to call from any thread.
 */
public interface Backend extends AutoCloseable {

    /** This backend's name, as its {@link IoProvider} reports it. */
    String name();

    /**
     * Whether {@link #tryStart} can ever succeed. A backend without concurrency (one that runs
     * every task on its caller's thread) returns {@code false}, and {@code Io.concurrent} then
     * fails with a permanent error.
     */
    boolean hasConcurrency();

    /**
     * Starts {@code job} on a unit of concurrency of its own (a thread, a coroutine) and returns
     * {@code true}, or returns {@code false} at once when none is free now. It never queues the
     * job behind busy workers: the core runs the job inline when this returns {@code false}.
     *
     * <p>On the new unit, call {@link Job#runTask(Strand)} with the unit's strand and then
     * {@link Job#publish()}; a backend that reuses its units counts this one free before calling
     * {@code publish}. Code in the task calls {@link #currentStrand()} on the new unit; it must
     * find that same strand there.
     */
    boolean tryStart(Job job);

    /**
     * Explains, for an error message, why {@link #tryStart} returned {@code false} just now:
     * for example "all 8 pool threads are busy".
     */
    default String busyReason() {
        return "no unit of concurrency is free";
    }

    /**
     * The strands running the tasks this backend {@linkplain #tryStart started} and that have not
     * ended, for a task dump: a snapshot, which tasks may have left by the time it is read. Tasks
     * run inline on their caller's thread are not among them. The default, for a backend that
     * cannot tell, is an empty list.
     */
    default List<Strand> taskStrands() {
        return List.of();
    }

    /**
     * A snapshot of the pools this backend reuses items from, for metrics: a backend without
     * pools returns an empty list, as the default does. Safe from any thread; the numbers of a
     * pool that is busy meanwhile may be a moment old.
     */
    default List<PoolStats> pools() {
        return List.of();
    }

    /**
     * Asks the backend to run {@code report} when it can tell that none of its live tasks can make
     * progress: nothing runnable, and no timer, I/O or blocking work pending, so that only a
     * thread outside the backend could wake them (most often, a deadlock). Once per stall, on a
     * thread of the backend's. A backend that cannot tell ignores it, as the default does.
     */
    default void whenStalled(Runnable report) {}

    /** The strand the calling code runs on; never {@code null}. */
    Strand currentStrand();

    /** Monotonic time in nanoseconds, the clock of {@link Strand#park(long)} deadlines. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch. */
    default long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /** A random generator for use by the calling strand only. */
    RandomGenerator random();

    /**
     * Runs {@code work}, which blocks its thread (a file system call, a blocking library), where
     * it does not hold up other strands, and returns its result or throws what it threw. The
     * calling strand waits for the work to end, whatever wakes it meanwhile: this is not a
     * cancellation point.
     *
     * <p>The default runs it inline, which suits a backend that gives each strand a thread of its
     * own. A backend whose strands share threads runs it on other threads and parks the caller.
     *
     * @throws Exception what {@code work} threw
     */
    default <T> T callBlocking(Callable<T> work) throws Exception {
        return work.call();
    }

    /**
     * The driver that tells this backend's strands when their channels are ready.
     *
     * @throws IllegalStateException if the backend is closed
     */
    IoDriver ioDriver();

    /**
     * Releases the backend's threads or loops; starting new work is refused by the core once the
     * owning {@code Io} is closed. A backend whose tasks each have a thread lets work already
     * started run to its end. A backend that stops the threads its tasks share (event loops) lets
     * a task running at that moment go on until it next waits or ends, and abandons every task it
     * will no longer run, suspended or started and not begun: it calls {@link Job#abandoned()} on
     * each, once, so that its future completes canceled. No started job is ever left without
     * one of {@link Job#publish()} or {@link Job#abandoned()}.
     */
    @Override
    void close();
}
