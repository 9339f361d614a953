/**
 * A Redis client on zsync's public API, the same code on every backend.
 *
 * <ul>
 *   <li>{@link io.zsync.examples.redis.RedisClient}: the entry point, thread-safe: typed commands
 *       ({@code get}, {@code set}, {@code hgetAll}, ...), {@code command(String...)} for any other,
 *       {@link io.zsync.examples.redis.RedisPipeline pipelines}, each on a connection borrowed from
 *       its pool;</li>
 *   <li>{@link io.zsync.examples.redis.RedisConnection}: one connection, for one task at a time;</li>
 *   <li>{@link io.zsync.examples.redis.RedisSubscriber}: pub/sub on a connection of its own;</li>
 *   <li>{@link io.zsync.examples.redis.Reply}: a reply of either protocol, RESP2 or RESP3
 *       ({@code HELLO 3}), read within {@link io.zsync.examples.redis.RespLimits}.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Every failure is an {@link java.io.IOException}: {@link io.zsync.examples.redis.RedisServerException}
 * when the server answered with an error (the connection is fine), {@link java.net.SocketTimeoutException}
 * when a command or connect timeout passed, {@link io.zsync.examples.redis.RedisProtocolException}
 * when the server sent a bad frame, {@link io.zsync.examples.redis.RedisException} for the pool's own
 * failures, and the socket's exceptions as they are.
 *
 * <h2>Cancellation</h2>
 * A command is a cancellation point. One canceled (or timed out) after it started and before its
 * reply was read whole leaves its connection in the middle of an exchange: the reply could
 * otherwise be taken as the next command's, so the connection is closed at once and never reused.
 */
package io.zsync.examples.redis;
