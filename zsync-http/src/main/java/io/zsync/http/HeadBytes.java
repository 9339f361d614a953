package io.zsync.http;

import io.zsync.io.Writer;
import java.io.IOException;
import java.util.Arrays;

/**
 * A message head being built as bytes, to go to a writer in one call: appending a string copies
 * its chars as octets (a head is Latin-1, and {@link Headers} checks the values), without a
 * charset encoder. One per connection, reused message after message; not thread-safe.
 */
final class HeadBytes {

    private static final int INITIAL_CAPACITY = 256;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;

    HeadBytes append(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    HeadBytes append(long number) {
        return append(Long.toString(number));
    }

    HeadBytes field(String name, String value) {
        return append(name).append(": ").append(value).crlf();
    }

    /** The field that frames a body of {@code length} bytes: {@code Content-Length}, or chunked for -1. */
    HeadBytes framing(long length) {
        return length < 0 ? field("Transfer-Encoding", "chunked") : append("Content-Length: ").append(length).crlf();
    }

    HeadBytes crlf() {
        ensure(2);
        bytes[size++] = '\r';
        bytes[size++] = '\n';
        return this;
    }

    /** Writes the head to {@code out} (buffered there, not flushed) and empties this for the next. */
    void writeTo(Writer out) throws IOException {
        try {
            out.write(bytes, 0, size);
        } finally {
            size = 0;
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
