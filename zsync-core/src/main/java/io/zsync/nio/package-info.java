/**
 * The NIO escape hatch: waits on non-blocking channels of the caller's own
 * ({@link io.zsync.nio.NioChannels}), for an {@link io.zsync.Io} on the NIO driver. The rest of
 * zsync's I/O ({@code io.zsync.net}, {@code io.zsync.fs}) goes through whatever driver the
 * {@code Io} has, and never shows a channel.
 */
package io.zsync.nio;
