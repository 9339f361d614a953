package io.zsync.backend.blocking;

import io.zsync.spi.Backend;
import io.zsync.spi.Strand;
import io.zsync.spi.ThreadStrand;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The simplest execution: no concurrency at all. {@code async} runs the task to its end before it
 * returns; {@code concurrent} is refused. Blocking operations block the calling thread.
 */
final class BlockingBackend implements Backend {

    static final String NAME = "blocking";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hasConcurrency() {
        return false;
    }

    @Override
    public boolean tryStart(Runnable job) {
        return false;
    }

    @Override
    public Strand currentStrand() {
        return ThreadStrand.current();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    @Override
    public void close() {}
}
