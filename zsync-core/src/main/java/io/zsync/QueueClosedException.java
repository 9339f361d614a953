package io.zsync;

/**
 * Thrown by {@link Queue#put} once the queue is closed, and by {@link Queue#get} once it is
 * closed and every element put before the close has been taken.
 */
public final class QueueClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    QueueClosedException(String message) {
        super(message);
    }
}
