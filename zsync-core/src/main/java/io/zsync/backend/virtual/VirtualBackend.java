package io.zsync.backend.virtual;

import io.zsync.spi.Backend;
import io.zsync.spi.Strand;
import io.zsync.spi.ThreadStrand;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Each task runs on a virtual thread of its own. Parking a task unmounts its virtual thread, so a
 * blocked task holds no carrier thread; there is always room for one more task.
 */
final class VirtualBackend implements Backend {

    static final String NAME = "virtual";

    private final ThreadFactory threads = Thread.ofVirtual().factory();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hasConcurrency() {
        return true;
    }

    @Override
    public boolean tryStart(Runnable job) {
        threads.newThread(job).start();
        return true;
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
