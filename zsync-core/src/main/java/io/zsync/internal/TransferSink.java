package io.zsync.internal;

import java.io.IOException;

/**
 * A {@code Writer} whose sink is a resource of an I/O driver (a {@code Connection}'s writer):
 * {@code Writer.sendFile} hands it the file itself, so that the driver moves the bytes with its
 * {@link io.zsync.spi.Op.Kind#TRANSFER} (sendfile on NIO), whether the file is a {@code File}
 * of {@code io.zsync.fs} or a channel the caller opened. Other writers get the file's channel
 * through the public {@code Writer.sendFileHook}, when it has one.
 */
public interface TransferSink {

    /**
     * Moves up to {@code count} bytes of {@code file} from {@code position} to the sink without
     * copying them through the heap, with the contract of {@code Writer.sendFileHook}: returns
     * how many were moved (0 means "call again" unless {@code position} is at or past the end),
     * or {@code Writer.UNSUPPORTED} (-1) when the driver cannot (it has no handle for the file,
     * or no transfer), and throws only when it moved nothing.
     */
    long transferFrom(FileSource file, long position, long count) throws IOException;
}
