package io.zsync.fs;

import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * What the file system says about a path: its kind, its size and when it was last modified.
 *
 * <p>A value, not a view: it is read once by {@link Fs#stat} or {@link File#stat()} and does not
 * change when the file does. It keeps only what every platform reports the same way (unlike
 * {@link BasicFileAttributes}, whose creation time and file key differ by platform), gives the
 * time as an {@link Instant} and the kind as one enum instead of four flags, and can be made by
 * code that simulates a file system.
 *
 * @param kind what the path names
 * @param size the file's length in bytes; for anything but a {@link Kind#FILE}, whatever the
 *        platform reports
 * @param lastModified when the contents were last modified, as precise as the platform keeps it
 */
public record Stat(Kind kind, long size, Instant lastModified) {

    /** What a path names. */
    public enum Kind {
        /** A regular file. */
        FILE,
        /** A directory. */
        DIRECTORY,
        /** A symbolic link; seen only when links are not followed. */
        SYMLINK,
        /** Anything else: a device, a pipe, a socket. */
        OTHER
    }

    /**
     * Makes a stat, for code that simulates a file system.
     *
     * @throws NullPointerException if {@code kind} or {@code lastModified} is {@code null}
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public Stat {
        Objects.requireNonNull(kind, "kind is null; pass what the path names, such as Kind.FILE");
        Objects.requireNonNull(lastModified, "lastModified is null; pass the time the contents last changed");
        if (size < 0) {
            throw new IllegalArgumentException("size is " + size + "; a size counts bytes and cannot be negative");
        }
    }

    static Stat of(BasicFileAttributes attributes) {
        Kind kind = attributes.isRegularFile() ? Kind.FILE
                : attributes.isDirectory() ? Kind.DIRECTORY
                : attributes.isSymbolicLink() ? Kind.SYMLINK
                : Kind.OTHER;
        return new Stat(kind, attributes.size(), attributes.lastModifiedTime().toInstant());
    }
}
