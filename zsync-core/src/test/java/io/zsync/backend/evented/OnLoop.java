package io.zsync.backend.evented;

import io.zsync.coroutine.Woven;
import io.zsync.spi.Job;
import io.zsync.spi.Strand;
import java.util.concurrent.CountDownLatch;

/**
 * A task that never waits: it runs a body on a loop and ends. It passes for woven (it has no
 * suspend point, so the weaver would leave its code as it is) so that the backend runs it as a
 * coroutine on a loop.
 */
@Woven(format = 1)
final class OnLoop implements Job {

    private final Runnable body;
    private final CountDownLatch published = new CountDownLatch(1);

    OnLoop(Runnable body) {
        this.body = body;
    }

    @Override
    public void runTask(Strand strand) {
        body.run();
    }

    @Override
    public void publish() {
        published.countDown();
    }

    /** Waits (bounded) for the task to have ended. */
    void awaitPublished() throws InterruptedException {
        Backends.await(published, "the task to end");
    }
}
