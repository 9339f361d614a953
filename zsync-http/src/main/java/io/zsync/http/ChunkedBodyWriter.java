package io.zsync.http;

import io.zsync.io.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A chunked body (RFC 9112, section 7.1) written to the connection's writer: each drain of its
 * buffer is one chunk; {@link #finish()} writes the last chunk. Closing it does not close the
 * connection's writer.
 *
 * <p>A chunk goes to the connection's writer whole, so a write canceled halfway leaves a broken
 * body on the connection: the server closes a connection whose streamed response failed.
 */
final class ChunkedBodyWriter extends Writer {

    private static final int BUFFER_SIZE = 8192;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final Writer sink;

    ChunkedBodyWriter(Writer sink) {
        super(ByteBuffer.allocate(BUFFER_SIZE));
        this.sink = sink;
    }

    @Override
    protected long drain(ByteBuffer[] data, int splat) throws IOException {
        ByteBuffer[] chunk = gather(data, splat);
        long size = 0;
        for (ByteBuffer b : chunk) {
            size += b.remaining();
        }
        if (size == 0) {
            return 0;
        }
        sink.print(Long.toHexString(size) + "\r\n", StandardCharsets.ISO_8859_1);
        for (ByteBuffer b : chunk) {
            sink.write(b);
        }
        sink.write(HttpSyntax.CRLF);
        return markWritten(size);
    }

    /** Sends what is buffered as a chunk, and the connection's writer on to the peer. */
    @Override
    public void flush() throws IOException {
        super.flush();
        sink.flush();
    }

    /**
     * Writes what is buffered as a chunk, then the last chunk; the body is then complete. Leaves
     * the connection's writer unflushed, so that pipelined responses go out together.
     */
    void finish() throws IOException {
        super.flush();
        sink.write(LAST_CHUNK);
    }
}
