package io.zsync.backend.virtual;

import io.zsync.spi.Backend;
import io.zsync.spi.IoProvider;

/** Provides the {@code virtual} backend: one virtual thread per task. */
public final class VirtualProvider implements IoProvider {

    /** For {@link java.util.ServiceLoader}. */
    public VirtualProvider() {}

    @Override
    public String name() {
        return VirtualBackend.NAME;
    }

    @Override
    public Backend create() {
        return new VirtualBackend();
    }
}
