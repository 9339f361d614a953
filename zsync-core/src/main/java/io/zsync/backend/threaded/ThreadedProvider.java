package io.zsync.backend.threaded;

import io.zsync.IoOptions;
import io.zsync.spi.Backend;
import io.zsync.spi.IoProvider;
import java.util.Set;

/**
 * Provides the {@code threaded} backend: a bounded pool of platform threads. The pool size is the
 * option {@link IoOptions#threads(int) threads}, else the system property
 * {@code zsync.threaded.threads}, else twice the number of processors (at least 4).
 */
public final class ThreadedProvider implements IoProvider {

    /** For {@link java.util.ServiceLoader}. */
    public ThreadedProvider() {}

    @Override
    public String name() {
        return ThreadedBackend.NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of("threads");
    }

    @Override
    public Backend create() {
        return create(IoOptions.defaults());
    }

    @Override
    public Backend create(IoOptions options) {
        return new ThreadedBackend(options.threads().orElse(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
    }
}
