package io.zsync;

import io.zsync.spi.IoProvider;
import java.util.List;
import java.util.ServiceLoader;

/** Finds backends by name through {@link ServiceLoader}. */
final class Backends {

    private Backends() {}

    static Io open(String name) {
        java.util.Objects.requireNonNull(name, "name");
        for (IoProvider provider : ServiceLoader.load(IoProvider.class)) {
            if (provider.name().equals(name)) {
                return new CoreIo(provider.create());
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
