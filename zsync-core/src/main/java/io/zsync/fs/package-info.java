/**
 * Files and directories through an {@link io.zsync.Io}: opening, reading and writing (also at a
 * position), metadata, sync, truncation, directory listing, renames, deletes and temporary files,
 * each an operation of the {@code Io}'s I/O driver. Start at {@link io.zsync.fs.Fs}.
 */
package io.zsync.fs;
