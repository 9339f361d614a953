package io.zsync.http;

import io.zsync.io.ArrayWriter;
import io.zsync.io.CountingWriter;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.io.IOException;

/** Bodies, both sides: reading a whole one into memory, writing a streamed one framed. */
final class Bodies {

    private static final int DEFAULT_CAPACITY = 256;

    private Bodies() {
    }

    /** Every byte of {@code body}; {@code knownLength} (or -1) sizes the array. */
    static byte[] readAll(Reader body, long knownLength) throws IOException {
        int capacity = knownLength >= 0 && knownLength <= Integer.MAX_VALUE - 8 ? (int) knownLength : DEFAULT_CAPACITY;
        ArrayWriter bytes = Writer.growing(capacity);
        body.stream(bytes, Long.MAX_VALUE);
        return bytes.toByteArray();
    }

    /**
     * Writes a streamed body of {@code message} (a response, or the client's request) to
     * {@code out}: chunked when {@code length} is -1, else exactly {@code length} bytes.
     *
     * @throws IOException if {@code body} wrote another number of bytes than {@code length}: the
     *         message's framing is then broken, and its connection must be closed
     */
    static void writeStreamed(Writer out, BodyWriter body, long length, Object message) throws IOException {
        if (length < 0) {
            ChunkedBodyWriter chunks = new ChunkedBodyWriter(out);
            body.writeTo(chunks);
            chunks.finish();
            return;
        }
        CountingWriter counted = Writer.counting(out);
        body.writeTo(counted);
        if (counted.count() != length) {
            throw new IOException("the body writer of " + message + " wrote " + counted.count() + " bytes, not the "
                    + length + " it said; the connection is closed, as its framing is broken");
        }
    }
}
