package io.zsync.spi;

import java.nio.channels.FileChannel;

/**
 * An extension of a driver built on {@code java.nio} ({@link IoDriver#extension}): a handle for a
 * {@code FileChannel} the caller opened itself, so that a {@link Op.Kind#TRANSFER} can send its
 * bytes without copying (a {@code Reader.ofFile} of the user's channel, sent to a socket). The
 * handle only borrows the channel: the driver neither counts it open nor ever closes it.
 */
public interface ChannelHandles {

    /** A {@code FILE} handle over {@code file}, which stays the caller's to close. */
    Handle borrow(FileChannel file);
}
