package io.zsync;

import io.zsync.internal.IoCore;
import io.zsync.spi.Op;

/**
 * The wake of one {@link Op}: the driver's {@link Op#wake()} lands here and unparks the strand
 * that drives the op. A wake that comes while nobody waits is kept, so that the next wait returns
 * at once: the core consumes wakes before it polls, and a wake after the poll is never lost.
 * Reused for every run of its op (see {@link IoCore#perform}).
 */
final class OpWait extends Waitable implements Op.Waker {

    private final WaitList waiters = new WaitList();
    /** A wake nobody consumed yet; written under {@code this}, read without it by {@link #clear}. */
    private volatile boolean woken;

    OpWait(CoreIo runtime) {
        super(runtime);
    }

    @Override
    public synchronized void woken(Op op) {
        woken = true;
        waiters.wakeAll(Waiter.GRANTED);
    }

    /**
     * Forgets a wake of an earlier run of the op, without the monitor on the usual path where
     * there is none: the run that starts now gets every wake from here on.
     */
    void clear() {
        if (woken) {
            synchronized (this) {
                woken = false;
            }
        }
    }

    /**
     * Spins, at most {@code spins} times, for a wake that is about to come: a file call the
     * driver handed to a pool thread ends within microseconds, sooner than a park and an unpark
     * of the waiting thread take. Only for a strand that owns its thread; never on an event loop,
     * whose other strands would wait meanwhile.
     */
    void spinForWake(int spins) {
        for (int i = 0; i < spins && !woken; i++) {
            Thread.onSpinWait();
        }
    }

    /**
     * Waits for a wake and consumes it. A cancellation point if {@code cancelable}.
     *
     * @return {@code false} if {@code deadline} passed first
     * @throws CanceledException if {@code cancelable} and the wait was canceled before a wake came
     */
    boolean await(long deadline, boolean cancelable) {
        Waiter w;
        synchronized (this) {
            if (woken) {
                woken = false;
                return true;
            }
            w = new Waiter(runtime.currentStrand(), null);
            waiters.add(w);
        }
        int status = block(w, deadline, cancelable);
        if (status == Waiter.WAITING) {
            return false;
        }
        synchronized (this) {
            woken = false;
        }
        return true;
    }
}
