/**
 * Shared parts for backend authors, beside the contract in {@link io.zsync.spi}: a backend may use
 * them, and needs none of them. {@link io.zsync.spi.kit.ThreadBackend} is the base of the backends
 * that run tasks on Java threads (a selector driver, clock and randomness included),
 * {@link io.zsync.spi.kit.ThreadStrand} a plain thread's strand,
 * {@link io.zsync.spi.kit.StrandCarrier} marks a thread that runs many strands in turn (an event
 * loop), so that every backend finds the strand of the code calling it, and
 * {@link io.zsync.spi.kit.BlockingPool} runs blocking calls (files, name lookups) on a bounded
 * pool of threads while the calling strand parks.
 */
package io.zsync.spi.kit;
