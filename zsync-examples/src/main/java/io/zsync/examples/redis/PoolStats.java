package io.zsync.examples.redis;

/**
 * What a {@link RedisClient}'s pool did so far, read at one moment.
 *
 * @param created connections opened
 * @param reused  commands (or pipelines) run on a connection an earlier one had used
 * @param dropped connections closed because a command did not end cleanly on them (canceled,
 *                timed out, failed in the middle of its exchange), never put back
 * @param idle    connections open and free now
 * @param inUse   connections lent to a command now
 */
public record PoolStats(long created, long reused, long dropped, int idle, int inUse) {}
