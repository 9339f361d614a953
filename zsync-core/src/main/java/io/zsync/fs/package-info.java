/**
 * Files and directories through an {@link io.zsync.Io}: opening, reading and writing (also at a
 * position), metadata, sync, truncation, directory listing, renames, deletes and temporary files.
 */
package io.zsync.fs;
