/**
 * Stackless coroutines. Mark methods that may suspend with {@link io.zsync.coroutine.Suspendable};
 * the zsync weaver rewrites them into state machines that save their frames into a
 * {@link io.zsync.coroutine.Coroutine} when a call below them suspends, and restore them when it
 * resumes. Backends that run such coroutines do so on {@link io.zsync.coroutine.CoroutineCarrier}
 * threads.
 */
package io.zsync.coroutine;
