package io.zsync.backend.virtual;

import io.zsync.spi.Job;
import io.zsync.spi.kit.ThreadBackend;
import java.util.concurrent.ThreadFactory;

/**
 * Each task runs on a virtual thread of its own. Parking a task unmounts its virtual thread, so a
 * blocked task holds no carrier thread; there is always room for one more task.
 */
final class VirtualBackend extends ThreadBackend {

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
    public boolean tryStart(Job job) {
        threads.newThread(() -> {
            runTask(job);
            job.publish();
        }).start();
        return true;
    }
}
