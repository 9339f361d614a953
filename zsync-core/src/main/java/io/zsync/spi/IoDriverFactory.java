package io.zsync.spi;

/**
 * Makes the {@link IoDriver} of an {@link io.zsync.Io}, chosen apart from its backend with
 * {@link io.zsync.IoOptions#driver}: the same scheduling with another way of doing I/O (an
 * in-memory world for tests, later a simulated network). Without one, an {@code Io} does its I/O
 * through its backend's own driver ({@link Backend#ioDriver()}).
 */
@FunctionalInterface
public interface IoDriverFactory {

    /**
     * The driver for an {@code Io} about to open on {@code backend}. The {@code Io} does not close
     * it: a driver that holds threads or descriptors of its own is closed by whoever made this
     * factory, once no {@code Io} uses it.
     */
    IoDriver create(Backend backend);
}
