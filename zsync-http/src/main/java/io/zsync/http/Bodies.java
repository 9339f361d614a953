package io.zsync.http;

import io.zsync.io.ArrayWriter;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.io.IOException;

/** Reading a whole body into memory, for the server's requests and the client's responses. */
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
}
