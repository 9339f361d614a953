package io.zsync.internal;

import io.zsync.spi.ChannelHandles;
import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The file a {@link FileReader} reads, at positions of the reader's own: a {@code FileChannel}
 * the caller opened ({@code Reader.ofFile}, through {@link #of(FileChannel)}) or an open
 * {@code io.zsync.fs.File} (its {@code reader}). Besides the reads, it says how a writer may take
 * the file's bytes without copying them: as a JDK channel ({@code Writer.sendFileHook}), or as a
 * handle of an I/O driver ({@link TransferSink}).
 */
public interface FileSource {

    /**
     * Reads into {@code dst} from {@code position}, without moving any position of the file.
     *
     * @return bytes read, 0 only if {@code dst} is full, or -1 if {@code position} is at or past the end
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /** The file's length in bytes now. */
    long size() throws IOException;

    /** The JDK channel of the file, for writers that call {@link FileChannel#transferTo}; {@code null} if it has none. */
    FileChannel channel();

    /**
     * A {@code FILE} handle of this file on {@code driver}, for a {@link io.zsync.spi.Op.Kind#TRANSFER},
     * or {@code null} if it has none there (the file is another driver's, or not a channel that
     * driver can borrow). Costs nothing to ask.
     */
    Handle handleOn(IoDriver driver);

    /** The source of a reader of {@code channel}, which stays the caller's to close. */
    static FileSource of(FileChannel channel) {
        return new FileSource() {
            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return channel.read(dst, position);
            }

            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public FileChannel channel() {
                return channel;
            }

            /** A borrowed handle where the driver is built on {@code java.nio} ({@link ChannelHandles}). */
            @Override
            public Handle handleOn(IoDriver driver) {
                ChannelHandles handles = driver.extension(ChannelHandles.class);
                return handles == null ? null : handles.borrow(channel);
            }

            @Override
            public String toString() {
                return channel.toString();
            }
        };
    }
}
