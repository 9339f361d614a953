/**
 * Files and directories through an {@link io.zsync.Io}: opening, reading and writing (also at a
 * position), metadata, sync, truncation, directory listing, renames, deletes and temporary files.
 * Start at {@link io.zsync.fs.Fs}.
 */
package io.zsync.fs;
