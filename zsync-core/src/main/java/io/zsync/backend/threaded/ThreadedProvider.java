package io.zsync.backend.threaded;

import io.zsync.spi.Backend;
import io.zsync.spi.IoProvider;

/**
 * Provides the {@code threaded} backend: a bounded pool of platform threads. The pool size is the
 * system property {@code zsync.threaded.threads}, by default twice the number of processors (at
 * least 4).
 */
public final class ThreadedProvider implements IoProvider {

    /** For {@link java.util.ServiceLoader}. */
    public ThreadedProvider() {}

    @Override
    public String name() {
        return ThreadedBackend.NAME;
    }

    @Override
    public Backend create() {
        int fallback = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        String configured = System.getProperty("zsync.threaded.threads");
        int threads;
        try {
            threads = configured == null ? fallback : Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dzsync.threaded.threads must be a whole number of threads, not '"
                    + configured + "'", e);
        }
        return new ThreadedBackend(threads);
    }
}
