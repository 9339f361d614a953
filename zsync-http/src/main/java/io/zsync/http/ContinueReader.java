package io.zsync.http;

import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The body of a request that said {@code Expect: 100-continue}: its first read sends the interim
 * {@code 100 Continue} response, which tells the client to send the body; a handler that answers
 * without reading it never asks for it (RFC 9110, section 10.1.1).
 */
final class ContinueReader extends Reader {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final Reader body;
    private final Writer out;
    private boolean continued;

    ContinueReader(Reader body, Writer out) {
        super(ByteBuffer.allocate(0));
        this.body = body;
        this.out = out;
    }

    /** Whether the client was told to send the body. */
    boolean continued() {
        return continued;
    }

    /** The body under this reader, to drain once the client was told to send it. */
    Reader body() {
        return body;
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) throws IOException {
        if (!continued) {
            out.write(CONTINUE);
            out.flush();
            continued = true;
        }
        for (ByteBuffer dst : dsts) {
            if (dst.hasRemaining()) {
                return body.read(dst);
            }
        }
        return 0;
    }
}
