package io.zsync.examples.redis;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.VoidTask;

/** Runs a test's body in a task of its Io, so that on {@code evented} it runs as a woven coroutine. */
final class InTask {

    private InTask() {}

    static void run(Io io, VoidTask<Exception> body) throws Exception {
        try (Future<Void, Exception> task = io.async(body)) {
            task.await();
        }
    }
}
