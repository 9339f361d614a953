/**
 * The runtime's internals shared between its packages, not exported: the one door into the core's
 * package-private state ({@link io.zsync.internal.Access}), spawn traces, the leak registry, the
 * list of open {@code Io}s, the task dump signal, the capture of user frames, and the file reader
 * that {@code io.zsync.io} and {@code io.zsync.fs} share with its zero-copy send to a socket
 * ({@link io.zsync.internal.FileReader}, {@link io.zsync.internal.FileSource},
 * {@link io.zsync.internal.TransferSink}). Nothing here is API;
 * it changes without notice.
 */
package io.zsync.internal;
