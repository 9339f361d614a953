package io.zsync.spi;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Base for backends that run tasks on Java threads: the strand is the thread's
 * {@link ThreadStrand}, time is {@link System#nanoTime()}, randomness is
 * {@link ThreadLocalRandom}. A subclass says how tasks are started.
 */
public abstract class ThreadBackend implements Backend {

    /** For subclasses. */
    protected ThreadBackend() {}

    @Override
    public final Strand currentStrand() {
        return ThreadStrand.current();
    }

    @Override
    public final long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    /** Nothing to release by default. */
    @Override
    public void close() {}
}
