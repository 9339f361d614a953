/**
 * The runtime's JFR events ({@code io.zsync.TaskSpawn}, {@code TaskRun}, {@code TaskCancel},
 * {@code Await}, {@code Contention}, {@code Pool}, {@code IoOperation}), not exported. The events
 * are fed plain values (task ids, names, outcomes) by the core: they hold no reference back into
 * futures or primitives. Their names and fields are what recordings and {@code zsync profile} read.
 */
package io.zsync.internal.jfr;
