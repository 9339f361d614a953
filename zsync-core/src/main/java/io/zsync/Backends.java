package io.zsync;

import io.zsync.internal.TaskDumpTrigger;
import io.zsync.spi.IoProvider;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;

/** Finds backends by name through {@link ServiceLoader}. */
final class Backends {

    private Backends() {}

    /**
     * Opens the backend called {@code name}, set up by {@code options}. The configuration (the
     * options, the system properties they fall back on, {@code -Dzsync.taskDump.signal}) is read
     * and checked first, so that a bad setting fails every open with the same clear error and
     * starts no backend: a started backend has threads and descriptors that a failed open would
     * leak.
     *
     * @throws IllegalArgumentException if no backend has that name, it does not take an option
     *         set, or a setting is bad
     */
    static Io open(String name, IoOptions options) {
        Objects.requireNonNull(name, "name is null; pass a backend's name, such as \"virtual\"");
        Objects.requireNonNull(options, "options is null; pass IoOptions.defaults() to take every default");
        IoProvider provider = provider(name);
        IoOptions resolved = options.forBackend(name, declaredOptions(provider));
        TaskDumpTrigger.installIfAsked();
        return new CoreIo(provider.create(resolved), resolved.asyncTrace().orElseThrow(), resolved.leaks().orElseThrow(),
                resolved.driver().orElse(null));
    }

    private static IoProvider provider(String name) {
        for (IoProvider provider : ServiceLoader.load(IoProvider.class)) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("no zsync backend named '" + name + "' is installed; installed: "
                + String.join(", ", names()) + " (a backend plugs in as an io.zsync.spi.IoProvider service)");
    }

    /** What {@code provider} says it takes, checked: a name zsync does not define is the provider's mistake. */
    private static Set<String> declaredOptions(IoProvider provider) {
        Set<String> declared = Objects.requireNonNull(provider.options(), () -> provider.getClass().getName()
                + ".options() returned null; a provider that takes no option returns an empty set");
        for (String option : declared) {
            if (!IoOptions.ALL.contains(option)) {
                throw new IllegalStateException(provider.getClass().getName() + " declares the option '" + option
                        + "', which IoOptions does not define; it defines " + String.join(", ", IoOptions.ALL));
            }
        }
        return declared;
    }

    static List<String> names() {
        return ServiceLoader.load(IoProvider.class).stream()
                .map(p -> p.get().name())
                .distinct()
                .sorted()
                .toList();
    }
}
