package io.zsync.tck;

import io.zsync.Io;

/**
 * Busy-waiting that orders a test without sleeping. It yields as it spins, so that on a backend
 * whose tasks share threads the tasks beside it run meanwhile.
 */
final class Spin {

    private Spin() {}

    /**
     * Spins, inside a task, until that task's own cancellation has been requested, without
     * passing a cancellation point: afterwards the test knows the request has arrived.
     */
    static void untilCancelRequested(Io io) {
        while (!io.cancelRequested()) {
            io.yieldNow();
        }
    }
}
