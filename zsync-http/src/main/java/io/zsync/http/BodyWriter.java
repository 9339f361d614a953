package io.zsync.http;

import io.zsync.coroutine.Suspendable;
import io.zsync.io.Writer;
import java.io.IOException;

/**
 * Writes a streamed body: given to {@link Response#body(long, BodyWriter)}, called by the server
 * (or the client, for a request body) once the head is written, in the same task. It writes the
 * bytes to {@code out} and returns; it does not close {@code out}. {@code out.flush()} sends what
 * was written so far on to the peer.
 */
@FunctionalInterface
public interface BodyWriter {

    /** Writes the body to {@code out}. */
    @Suspendable
    void writeTo(Writer out) throws IOException;
}
