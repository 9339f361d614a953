package io.zsync.backend.blocking;

import io.zsync.spi.Job;
import io.zsync.spi.kit.ThreadBackend;

/**
 * The simplest execution: no concurrency at all. {@code async} runs the task to its end before it
 * returns; {@code concurrent} is refused. Blocking operations block the calling thread.
 */
final class BlockingBackend extends ThreadBackend {

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
    public boolean tryStart(Job job) {
        return false;
    }
}
