package io.zsync.http;

import io.zsync.coroutine.Suspendable;
import java.io.IOException;

/**
 * Closing where a failure has nothing left to tell the caller (the peer is gone, the connection is
 * being dropped anyway): the failure is logged at DEBUG, not thrown. A cancellation is not a
 * failure of that kind and goes on.
 */
final class Quietly {

    /** A close, an abort: an action on a resource that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoAction {
        @Suspendable
        void run() throws IOException;
    }

    private Quietly() {
    }

    /** Runs {@code action}; a failure is logged to {@code log} as "{@code doing} {@code subject}: failure". */
    static void run(System.Logger log, String doing, Object subject, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            log.log(System.Logger.Level.DEBUG, () -> doing + " " + subject + ": " + e);
        }
    }
}
