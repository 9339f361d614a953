package io.zsync.spi;

/**
 * A named factory of {@link Backend}s, found through {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation with {@code provides io.zsync.spi.IoProvider with ...} in a
 * module descriptor, or in {@code META-INF/services/io.zsync.spi.IoProvider} on the class path.
 * {@link io.zsync.Io#open(String)} then opens it by its {@link #name()}.
 */
public interface IoProvider {

    /** The backend's name, as given to {@link io.zsync.Io#open(String)}: lower case, no spaces. */
    String name();

    /**
     * Creates a new, independent backend instance. Each call returns a backend that the caller
     * owns and must close.
     */
    Backend create();
}
