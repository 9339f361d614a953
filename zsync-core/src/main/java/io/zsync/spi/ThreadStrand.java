package io.zsync.spi;

import java.util.concurrent.locks.LockSupport;

/**
 * The strand of a Java thread, platform or virtual, for backends that run tasks on threads.
 * Parking is {@link LockSupport#park}; a virtual thread parked here releases its carrier.
 *
 * <p>Each thread has one {@code ThreadStrand}, shared by every thread-based backend, so a task
 * keeps its identity (and its cancellation state) whichever {@code Io} it calls into.
 */
public final class ThreadStrand extends Strand {

    private static final ThreadLocal<ThreadStrand> CURRENT = ThreadLocal.withInitial(ThreadStrand::new);

    private final Thread thread = Thread.currentThread();

    private ThreadStrand() {}

    /** The calling thread's strand, created on first use. */
    public static ThreadStrand current() {
        return CURRENT.get();
    }

    @Override
    public boolean park(long deadlineNanos) {
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
