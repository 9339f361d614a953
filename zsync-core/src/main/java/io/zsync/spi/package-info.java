/**
 * The service-provider interface: what a backend implements so that the runtime core can build
 * every {@link io.zsync.Io} operation on it.
 *
 * <p>A backend supplies four things: a way to start work on a unit of concurrency of its own
 * ({@link io.zsync.spi.Backend#tryStart}), a park/unpark primitive for the code running on it
 * ({@link io.zsync.spi.Strand}), a clock, and a source of randomness. Futures, groups, selects,
 * queues, locks, sleeping and cancellation are implemented once, in the core, on top of those.
 * A backend is found by name through {@link java.util.ServiceLoader} as an
 * {@link io.zsync.spi.IoProvider}.
 */
package io.zsync.spi;
