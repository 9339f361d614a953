package io.zsync.spi.kit;

import io.zsync.spi.Strand;

/**
 * A thread that runs many strands in turn, such as an event loop thread stepping the coroutines of
 * its tasks: it tells which strand runs on it now. Every backend resolves the calling code's strand
 * through {@link #current()}, so that a task keeps its identity (its cancellation state, the locks
 * it holds) whichever backend's {@code Io} it calls into, and waits the way its own strand waits:
 * a coroutine suspends, and only its own task waits, never the thread it shares.
 */
public interface StrandCarrier {

    /** The strand running on this thread now, or {@code null} between strands. Called on this thread only. */
    Strand runningStrand();

    /**
     * The strand the calling code runs on: the one a {@code StrandCarrier} runs now, else the
     * calling thread's {@link ThreadStrand}. Never {@code null}.
     */
    static Strand current() {
        if (Thread.currentThread() instanceof StrandCarrier carrier) {
            Strand running = carrier.runningStrand();
            if (running != null) {
                return running;
            }
        }
        return ThreadStrand.current();
    }
}
