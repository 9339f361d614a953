/**
 * The {@code evented} backend: N event loops, each a {@link io.zsync.coroutine.CoroutineCarrier}
 * thread with a run queue, a timer heap and a NIO selector, running the woven, stackless
 * coroutines of its tasks; plus a bounded pool for blocking work. Opened by
 * {@code Io.open("evented")} through {@link io.zsync.backend.evented.EventedProvider}.
 */
package io.zsync.backend.evented;
