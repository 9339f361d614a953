package io.zsync;

import io.zsync.spi.IoProvider;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/** Finds backends by name through {@link ServiceLoader}. */
final class Backends {

    private Backends() {}

    /**
     * Opens the backend called {@code name}. The configuration ({@code -Dzsync.leaks},
     * {@code -Dzsync.asyncTrace}, {@code -Dzsync.taskDump.signal}) is read and checked first, so
     * that a bad setting fails every open with the same clear error and starts no backend: a
     * started backend has threads and descriptors that a failed open would leak.
     *
     * @throws IllegalArgumentException if no backend has that name, or a setting is bad
     */
    static Io open(String name) {
        Objects.requireNonNull(name, "name is null; pass a backend's name, such as \"virtual\"");
        Leaks.checkConfigured();
        SpawnTrace.Mode traceMode = SpawnTrace.Mode.configured();
        TaskDumpTrigger.installIfAsked();
        for (IoProvider provider : ServiceLoader.load(IoProvider.class)) {
            if (provider.name().equals(name)) {
                return new CoreIo(provider.create(), traceMode);
            }
        }
        throw new IllegalArgumentException("no zsync backend named '" + name + "' is installed; installed: "
                + String.join(", ", names()) + " (a backend plugs in as an io.zsync.spi.IoProvider service)");
    }

    static List<String> names() {
        return ServiceLoader.load(IoProvider.class).stream()
                .map(p -> p.get().name())
                .distinct()
                .sorted()
                .toList();
    }
}
