/**
 * Buffered byte streams with the buffer at the interface, after Zig's {@code std.Io.Reader} and
 * {@code std.Io.Writer}: a {@link io.zsync.io.Writer} owns a buffer and drains it, with the bytes
 * that did not fit, through one vectored hook; a {@link io.zsync.io.Reader} owns a buffer and
 * refills it through one hook. Files and sockets ({@link io.zsync.fs}, {@link io.zsync.net})
 * implement the hooks; everything else (delimiters, limits, splats, zero-copy file sends, stream
 * and channel views) is written once here.
 */
package io.zsync.io;
