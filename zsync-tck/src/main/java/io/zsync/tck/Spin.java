package io.zsync.tck;

import io.zsync.Io;

/** Busy-waiting that orders a test without sleeping. */
final class Spin {

    private Spin() {}

    /**
     * Spins, inside a task, until that task's own cancellation has been requested, without
     * passing a cancellation point: afterwards the test knows the request has arrived.
     */
    static void untilCancelRequested(Io io) {
        while (!io.cancelRequested()) {
            Thread.onSpinWait();
        }
    }
}
