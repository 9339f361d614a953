package io.zsync.spi;

import io.zsync.IoOptions;
import java.util.Set;

/**
 * A named factory of {@link Backend}s, found through {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation with {@code provides io.zsync.spi.IoProvider with ...} in a
 * module descriptor, or in {@code META-INF/services/io.zsync.spi.IoProvider} on the class path.
 * {@link io.zsync.Io#open(String)} then opens it by its {@link #name()}.
 *
 * <p>A provider that takes {@link IoOptions} says which in {@link #options()} and reads them in
 * {@link #create(IoOptions)}; one that takes none implements {@link #create()} only.
 */
public interface IoProvider {

    /** The backend's name, as given to {@link io.zsync.Io#open(String)}: lower case, no spaces. */
    String name();

    /**
     * Creates a new, independent backend instance with its built-in defaults. Each call returns a
     * backend that the caller owns and must close.
     */
    Backend create();

    /**
     * The names of the {@link IoOptions} this backend takes, among {@code threads}, {@code loops},
     * {@code blockingThreads} and {@code stallReport}; {@code asyncTrace} and {@code leaks} are
     * the core's, taken by every backend, and need not be named. {@link io.zsync.Io#open(String,
     * IoOptions)} refuses an option set that is not named here, or by the core, with a message
     * naming it, before it calls {@link #create(IoOptions)}; and it fills each option named here
     * and not set from its system property, {@code zsync.<name>.<option>}
     * ({@code zsync.<name>.stallReportMillis} in milliseconds).
     *
     * @implSpec The default returns an empty set: the backend takes no option of its own.
     * @return the option names; fixed for a provider
     */
    default Set<String> options() {
        return Set.of();
    }

    /**
     * Creates a new, independent backend instance set up by {@code options}, which the caller
     * owns and must close. Each option named by {@link #options()} is set, by the caller of
     * {@code Io.open} or from its system property, or is empty, for the backend's built-in
     * default; no other option is set, except those of every backend, which the core applies.
     * Values are in the ranges {@link IoOptions} documents.
     *
     * @implSpec The default calls {@link #create()}, for a provider that takes no option.
     */
    default Backend create(IoOptions options) {
        return create();
    }
}
