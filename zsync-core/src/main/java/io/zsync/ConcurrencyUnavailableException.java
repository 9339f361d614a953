package io.zsync;

/**
 * Thrown by {@link Io#concurrent} and {@link Group#concurrent} when the backend cannot run the
 * task concurrently with its caller. {@link Io#async} never throws it: it runs the task inline
 * instead.
 *
 * <p>The error is {@linkplain #isPermanent() permanent} when the backend has no concurrency at all
 * (the {@code blocking} backend), and temporary when every unit of concurrency is busy right now
 * (the {@code threaded} pool at its limit).
 */
public final class ConcurrencyUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String backend;
    private final boolean permanent;

    ConcurrencyUnavailableException(String backend, boolean permanent, String message) {
        super(message);
        this.backend = backend;
        this.permanent = permanent;
    }

    /** The name of the backend that refused. */
    public String backend() {
        return backend;
    }

    /** {@code true} if the backend can never run tasks concurrently; {@code false} if it is busy now. */
    public boolean isPermanent() {
        return permanent;
    }
}
