package io.zsync.spi;

/**
 * What one pool of a backend holds, at one moment: for the {@code evented} backend, each event
 * loop's pool of coroutine frames (a strand with its frame storage, reused task after task).
 *
 * @param pool      which pool, such as {@code zsync-evented-1-loop-0 frames}
 * @param size      the items in the pool, free for reuse
 * @param inUse     the items taken from the pool (or made for it) and not back yet
 * @param highWater the most items in use at once since the pool was made
 * @param misses    how many times an item was wanted and the pool had none, so one was made
 */
public record PoolStats(String pool, int size, int inUse, int highWater, long misses) {}
