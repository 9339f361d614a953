package io.zsync.backend.blocking;

import io.zsync.spi.Backend;
import io.zsync.spi.IoProvider;

/** Provides the {@code blocking} backend: every task runs inline, on its caller's thread. */
public final class BlockingProvider implements IoProvider {

    /** For {@link java.util.ServiceLoader}. */
    public BlockingProvider() {}

    @Override
    public String name() {
        return BlockingBackend.NAME;
    }

    @Override
    public Backend create() {
        return new BlockingBackend();
    }
}
