/**
 * The runtime's internals shared between its packages, not exported: the one door into the core's
 * package-private state ({@link io.zsync.internal.Access}), spawn traces, the leak registry, the
 * list of open {@code Io}s, the task dump signal and the capture of user frames. Nothing here is API;
 * it changes without notice.
 */
package io.zsync.internal;
