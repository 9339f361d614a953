package io.zsync.http;

import io.zsync.io.Reader;
import io.zsync.io.StreamTooLongException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A chunked body (RFC 9112, section 7.1) read off the connection's reader: the chunks' bytes, then
 * end of stream once the last chunk and its trailer fields are consumed. Never takes a byte past
 * the body from the connection, so the next message on it stays whole.
 *
 * <p>Each framing step (a chunk's CRLF, a size line, a trailer line) is taken whole or not at all,
 * and its state recorded, so a read canceled between steps goes on from there.
 */
final class ChunkedBodyReader extends Reader {

    private static final int BUFFER_SIZE = 4096;
    /** A size line: hex digits (16 at most) and extensions, which are read and ignored. */
    private static final int MAX_SIZE_LINE = 1024;

    private enum State { SIZE, DATA, DATA_CRLF, TRAILERS, DONE }

    private final Reader source;
    private final long maxBytes;
    private final HeadReader trailers;
    private final int status413;
    private State state = State.SIZE;
    private long chunkLeft;
    private long total;

    /**
     * @param maxBytes  the most body bytes accepted; more throws {@link HttpProtocolException} with
     *                  status {@code tooLargeStatus}
     * @param trailers  reads the trailer fields, with the head's limits
     */
    ChunkedBodyReader(Reader source, long maxBytes, HeadReader trailers, int tooLargeStatus) {
        super(ByteBuffer.allocate(BUFFER_SIZE));
        this.source = source;
        this.maxBytes = maxBytes;
        this.trailers = trailers;
        this.status413 = tooLargeStatus;
    }

    /** Whether the last chunk and the trailers were read: the connection is at the next message. */
    boolean isComplete() {
        return state == State.DONE;
    }

    @Override
    protected long readHook(ByteBuffer[] dsts) throws IOException {
        while (state != State.DATA) {
            switch (state) {
                case SIZE -> readSizeLine();
                case DATA_CRLF -> readChunkEnd();
                case TRAILERS -> {
                    trailers.fields(source);
                    state = State.DONE;
                }
                case DONE -> {
                    return -1;
                }
                default -> throw new AssertionError(state);
            }
        }
        ByteBuffer dst = firstWithRoom(dsts);
        int room = (int) Math.min(dst.remaining(), chunkLeft);
        ByteBuffer capped = dst.slice(dst.position(), room);
        int read = source.read(capped);
        if (read < 0) {
            throw new HttpProtocolException(trailers.malformedStatus(), "the stream ended inside a chunk, " + chunkLeft + " bytes short");
        }
        dst.position(dst.position() + read);
        chunkLeft -= read;
        if (chunkLeft == 0) {
            state = State.DATA_CRLF;
        }
        return read;
    }

    private void readSizeLine() throws IOException {
        ByteBuffer line;
        try {
            line = source.takeDelimiterExclusive('\n', MAX_SIZE_LINE);
        } catch (StreamTooLongException e) {
            throw new HttpProtocolException(trailers.malformedStatus(), "a chunk size line is longer than " + MAX_SIZE_LINE + " bytes");
        }
        if (line == null || !line.hasRemaining() || line.get(line.limit() - 1) != '\r') {
            throw new HttpProtocolException(trailers.malformedStatus(), line == null ? "the stream ended before a chunk size"
                    : "a chunk size line does not end in CRLF");
        }
        long size = 0;
        int digits = 0;
        for (int i = line.position(); i < line.limit() - 1; i++) {
            int digit = Character.digit(line.get(i), 16);
            if (digit < 0) {
                byte b = line.get(i);
                if (digits > 0 && (b == ';' || b == ' ' || b == '\t')) {
                    break;
                }
                throw new HttpProtocolException(trailers.malformedStatus(), "a chunk size is not hexadecimal");
            }
            if (++digits > 15) {
                throw new HttpProtocolException(trailers.malformedStatus(), "a chunk size has more than 15 hex digits");
            }
            size = size * 16 + digit;
        }
        if (digits == 0) {
            throw new HttpProtocolException(trailers.malformedStatus(), "a chunk size line has no size");
        }
        total += size;
        if (total > maxBytes) {
            throw new HttpProtocolException(status413, "the chunked body is larger than " + maxBytes + " bytes");
        }
        chunkLeft = size;
        state = size == 0 ? State.TRAILERS : State.DATA;
    }

    private void readChunkEnd() throws IOException {
        source.fill(2);
        ByteBuffer crlf = source.peek(2);
        if (crlf.get(0) != '\r' || crlf.get(1) != '\n') {
            throw new HttpProtocolException(trailers.malformedStatus(), "a chunk's data is not followed by CRLF");
        }
        source.discard(2);
        state = State.SIZE;
    }

    private static ByteBuffer firstWithRoom(ByteBuffer[] dsts) {
        for (ByteBuffer dst : dsts) {
            if (dst.hasRemaining()) {
                return dst;
            }
        }
        throw new AssertionError("readHook is given room for a byte");
    }
}
