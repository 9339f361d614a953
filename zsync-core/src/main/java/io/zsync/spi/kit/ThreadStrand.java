package io.zsync.spi.kit;

import io.zsync.spi.Strand;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The strand of a Java thread, platform or virtual, for backends that run tasks on threads.
 * Parking is {@link LockSupport#park}; a virtual thread parked here releases its carrier.
 *
 * <p>Each thread has one {@code ThreadStrand}, shared by every thread-based backend, so a task
 * keeps its identity (and its cancellation state) whichever {@code Io} it calls into. A thread that
 * runs other strands in turn (a {@link StrandCarrier}) uses its {@code ThreadStrand} only between
 * them.
 */
public final class ThreadStrand extends Strand {

    private static final ThreadLocal<ThreadStrand> CURRENT = ThreadLocal.withInitial(ThreadStrand::new);

    private final Thread thread = Thread.currentThread();
    /**
     * While the thread runs a task its backend started, that backend's list of task strands, which
     * this strand joins when it first parks: a task that never waits costs the list nothing.
     */
    private Set<ThreadStrand> taskStrands;
    private boolean listed;

    private ThreadStrand() {}

    /** The calling thread's strand, created on first use. */
    public static ThreadStrand current() {
        return CURRENT.get();
    }

    /** The thread starts a task for the backend that lists its task strands in {@code strands}. */
    void taskStarted(Set<ThreadStrand> strands) {
        taskStrands = strands;
    }

    /** The task {@link #taskStarted} announced has ended: leaves the list, if it joined it. */
    void taskEnded() {
        if (listed) {
            taskStrands.remove(this);
            listed = false;
        }
        taskStrands = null;
    }

    @Override
    public boolean park(long deadlineNanos) {
        if (taskStrands != null && !listed) {
            listed = true;
            taskStrands.add(this);
        }
        if (deadlineNanos == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else {
            long wait = deadlineNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
        return Thread.interrupted();
    }

    @Override
    public StackTraceElement[] stackTrace() {
        return thread.getStackTrace();
    }

    @Override
    public void unpark() {
        LockSupport.unpark(thread);
    }

    @Override
    public String toString() {
        return "ThreadStrand[" + thread + "]";
    }
}
