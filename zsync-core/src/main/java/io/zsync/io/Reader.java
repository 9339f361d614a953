package io.zsync.io;

import io.zsync.internal.FileReader;
import io.zsync.internal.FileSource;
import io.zsync.internal.jfr.IoEvents;
import io.zsync.internal.jfr.IoOperationEvent;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A byte source with its buffer in the interface, after Zig's {@code std.Io.Reader}. Parsing
 * works on the buffer ({@link #peek}, {@link #take}, {@link #takeDelimiterExclusive}) without
 * copying; the buffer is refilled through one vectored hook, {@link #readHook}, which a backend
 * implements. Reads at least as big as the buffer bypass it: the backend reads straight into the
 * caller's buffers.
 *
 * <pre>{@code
 * Reader in = Reader.of(channel, 8192);
 * for (String line; (line = in.readLine(StandardCharsets.UTF_8)) != null; ) {
 *     handle(line);
 * }
 * for (ByteBuffer record; (record = in.takeDelimiterExclusive(0, 8192)) != null; ) {
 *     handle(record);                                  // bytes, in place
 * }
 * }</pre>
 *
 * <h2>Views</h2>
 * {@link #peek}, {@link #take} and the delimiter methods return read-only views of the buffer,
 * positioned at 0. A view is valid until the next call on the reader, which may overwrite the
 * bytes under it; copy what must outlive that. The buffer grows when a request needs more than
 * it holds, never beyond what the request asks for (its length, or its limit), and never beyond
 * the reader's {@linkplain #maxBufferSize() maximum}, {@value #DEFAULT_MAX_BUFFER_SIZE} bytes
 * (4 MiB, gRPC's default message limit) unless raised: a request that needs more, such as
 * {@code take(n)} with a length {@code n} a peer sent, throws {@link StreamTooLongException}
 * instead of allocating it. Reads into the caller's memory ({@link #read}, {@link #readFully}) and
 * {@link #stream} need no room in the buffer, whatever their size.
 *
 * <h2>Blocking and errors</h2>
 * Every read blocks until it has what it promises; it throws {@link IOException} when the
 * backend fails, {@link EOFException} when the stream ends before a promised byte, and
 * {@link io.zsync.CanceledException} when the calling task is canceled while the backend waits.
 * A canceled or failed read loses nothing: the bytes already read stay buffered (or, for the
 * {@code read} methods, are in the caller's buffer up to its position), and the next call goes on
 * from there.
 *
 * <h2>Thread safety</h2>
 * A reader is <em>not</em> thread-safe: one task at a time uses it.
 */
public abstract class Reader implements AutoCloseable {

    /** The maximum a reader's buffer grows to unless {@link #maxBufferSize(int)} says otherwise: 4 MiB. */
    public static final int DEFAULT_MAX_BUFFER_SIZE = 4 << 20;
    private static final int MAX_BUFFER = Integer.MAX_VALUE - 8;
    /** The smallest buffer a reader grows to. */
    private static final int MIN_GROWTH = 256;
    /** How far an unbuffered reader grows when it must buffer to stream or discard. */
    private static final int STREAMING_BUFFER = 8192;
    private static final int NOT_FOUND_AT_END = -1;
    private static final int NOT_WITHIN_LIMIT = -2;

    private ByteBuffer buffer;
    /** The buffered bytes are {@code buffer[start, end)}; both are 0 whenever it is empty. */
    private int start;
    private int end;
    private boolean closed;
    private int maxBufferSize = DEFAULT_MAX_BUFFER_SIZE;
    /** Bytes handed out or skipped since creation, so a limited reader over this one can count. */
    private long consumed;
    /** Where {@link #readLine} copies a line out of a buffer without an array, to decode it. */
    private byte[] lineBytes = new byte[0];
    /** The charset {@link #readLine} last found to encode {@code '\n'} as one byte. */
    private Charset lineCharset;

    /**
     * Creates a reader that buffers in {@code buffer}, all of its capacity (its position and
     * limit are ignored); it starts empty. From now on the reader owns it. A buffer of capacity 0
     * makes an unbuffered reader, which buffers only when a call needs it to.
     */
    protected Reader(ByteBuffer buffer) {
        this(buffer, 0);
    }

    /** A reader whose buffer already holds {@code buffered} bytes at index 0. */
    Reader(ByteBuffer buffer, int buffered) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.end = buffered;
    }

    // ---- factories ------------------------------------------------------------------------------

    /** A reader of {@code data}, without copying it; do not change {@code data} while reading. */
    public static Reader fixed(byte[] data) {
        Writer.requireArgument(data, "data");
        return fixed(ByteBuffer.wrap(data));
    }

    /**
     * A reader of the remaining bytes of {@code data}, without copying them or moving its
     * position; do not change those bytes while reading.
     */
    public static Reader fixed(ByteBuffer data) {
        Writer.requireArgument(data, "data");
        return new FixedReader(data);
    }

    /**
     * A reader of at most {@code limit} bytes of {@code source}, then end of stream. It never
     * takes more than that from {@code source}, so what follows stays there to read; streaming
     * it into a writer stays zero-copy when {@code source} is a file reader. Closing it does not
     * close {@code source}.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public static Reader limited(Reader source, long limit) {
        return new LimitedReader(Writer.requireArgument(source, "source"),
                Writer.requireNonNegative(limit, "limit"));
    }

    /**
     * A reader of a blocking channel, with a heap buffer of {@code bufferSize} bytes; it reads
     * with scattering calls when the channel is a
     * {@link java.nio.channels.ScatteringByteChannel}. Closing the reader does not close the
     * channel: whoever opened it closes it.
     *
     * @throws IllegalArgumentException if {@code bufferSize} is negative
     */
    public static Reader of(ReadableByteChannel channel, int bufferSize) {
        return new ChannelReader(Writer.requireArgument(channel, "channel"),
                ByteBuffer.allocate(Writer.requireNonNegative(bufferSize, "bufferSize")));
    }

    /**
     * A reader of {@code channel} from {@code position}, with a heap buffer of
     * {@code bufferSize} bytes. It reads at positions of its own, so it neither uses nor moves
     * the channel's position, and several readers can share one channel. {@link Writer#sendFile}
     * and {@link #stream} move its bytes without copying them through the heap when the writer
     * can. Closing the reader does not close the channel.
     *
     * @throws IllegalArgumentException if {@code position} or {@code bufferSize} is negative
     */
    public static Reader ofFile(FileChannel channel, long position, int bufferSize) {
        return new FileReader(FileSource.of(Writer.requireArgument(channel, "channel")),
                Writer.requireNonNegative(position, "position"),
                ByteBuffer.allocate(Writer.requireNonNegative(bufferSize, "bufferSize")));
    }

    // ---- the backend hook -----------------------------------------------------------------------

    /**
     * Reads some bytes from the source into {@code dsts}, in order, filling each one's remaining
     * space before the next and advancing their positions (as
     * {@link java.nio.channels.ScatteringByteChannel#read(ByteBuffer[])} does), and returns how
     * many it read, or -1 at end of stream. Reading into the first buffer with room alone is
     * fine. The last element is the free space of this reader's buffer; those before it, when
     * there are any, belong to a caller whose read was big enough to bypass the buffer. Together
     * they have room for at least one byte.
     *
     * <p>Block until at least one byte is read or the stream ends; 0 does not mean end of stream,
     * only "call again". If the hook throws (a failure, or {@link io.zsync.CanceledException} when
     * its wait is canceled), it must have read nothing in this call: the reader then still holds
     * exactly what it held, and the next call goes on from there.
     */
    protected abstract long readHook(ByteBuffer[] dsts) throws IOException;

    // ---- the buffer -----------------------------------------------------------------------------

    /**
     * The most bytes this reader's buffer grows to: {@value #DEFAULT_MAX_BUFFER_SIZE} unless set
     * with {@link #maxBufferSize(int)}. A buffer given bigger at creation keeps its size.
     */
    public final int maxBufferSize() {
        return maxBufferSize;
    }

    /**
     * Lets this reader's buffer grow to {@code max} bytes, for a request ({@link #fill},
     * {@link #peek}, {@link #take}, the delimiter methods' limits) that needs them; a request that
     * needs more throws {@link StreamTooLongException}, having read and consumed nothing. Raise it
     * for big messages that must be whole in memory; lower it to bound what a peer can make a
     * server allocate. Shrinks no buffer already grown.
     *
     * @return this reader
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public final Reader maxBufferSize(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max is " + max + "; pass the most bytes the buffer may grow to, 1 or more");
        }
        maxBufferSize = max;
        return this;
    }

    /** How many bytes are buffered: readable without blocking. */
    public final int buffered() {
        return end - start;
    }

    /**
     * Blocks until at least {@code n} bytes are buffered.
     *
     * @throws EOFException if the stream ends first; what was read stays buffered
     * @throws StreamTooLongException if {@code n} is more than the buffer may grow to
     *         ({@link #maxBufferSize()}); nothing is read
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public final void fill(int n) throws IOException {
        Writer.requireNonNegative(n, "n");
        ensureOpen();
        while (end - start < n) {
            if (!fillSome(n, n)) {
                throw new EOFException("end of stream: " + (end - start) + " bytes remain, " + n + " needed");
            }
        }
    }

    /**
     * The next {@code n} bytes, without consuming them: a read-only view, valid until the next
     * call on this reader.
     *
     * @throws EOFException if the stream ends before {@code n} bytes; what was read stays buffered
     * @throws StreamTooLongException if {@code n} is more than {@link #maxBufferSize()}
     */
    public final ByteBuffer peek(int n) throws IOException {
        fill(n);
        return view(n);
    }

    /**
     * The next {@code n} bytes, consumed: a read-only view, valid until the next call on this
     * reader.
     *
     * @throws EOFException if the stream ends before {@code n} bytes; nothing is consumed then
     * @throws StreamTooLongException if {@code n} is more than {@link #maxBufferSize()}
     */
    public final ByteBuffer take(int n) throws IOException {
        ByteBuffer taken = peek(n);
        toss(n);
        return taken;
    }

    /**
     * The next byte, consumed, as a value from 0 to 255.
     *
     * @throws EOFException at end of stream
     */
    public final int takeByte() throws IOException {
        fill(1);
        int b = buffer.get(start) & 0xff;
        toss(1);
        return b;
    }

    /**
     * The bytes up to and including the next {@code delimiter} (its low 8 bits), consumed: a
     * read-only view, valid until the next call on this reader.
     *
     * @throws StreamTooLongException if the first {@code limit} bytes hold no delimiter, or
     *         finding it would grow the buffer past {@link #maxBufferSize()}; nothing is
     *         consumed: those bytes stay buffered, to {@link #take} or {@link #discard}
     * @throws EOFException if the stream ends before a delimiter; the bytes before the end stay
     *         buffered
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public final ByteBuffer takeDelimiterInclusive(int delimiter, int limit) throws IOException {
        Writer.requireNonNegative(limit, "limit");
        ensureOpen();
        int index = indexOf(delimiter, limit);
        if (index == NOT_WITHIN_LIMIT) {
            throw new StreamTooLongException(String.format("no delimiter 0x%02x within the limit of %d bytes;"
                    + " nothing was consumed: the bytes stay buffered, to take or discard", delimiter & 0xff, limit),
                    limit);
        }
        if (index == NOT_FOUND_AT_END) {
            throw new EOFException(String.format("end of stream before a delimiter 0x%02x; the %d bytes before"
                    + " the end stay buffered", delimiter & 0xff, end - start));
        }
        return take(index + 1);
    }

    /**
     * The bytes up to the next {@code delimiter} (its low 8 bits), without it, as a read-only
     * view valid until the next call on this reader; the delimiter is consumed too. The end of
     * the stream ends the last line as a delimiter would; at the end of the stream, with no byte
     * left, it returns {@code null}.
     *
     * @throws StreamTooLongException if the line is longer than {@code limit} bytes (the first
     *         {@code limit + 1} bytes hold no delimiter), or finding the delimiter would grow the
     *         buffer past {@link #maxBufferSize()}; nothing is consumed: those bytes stay
     *         buffered, to {@link #take} or {@link #discard}
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public final ByteBuffer takeDelimiterExclusive(int delimiter, int limit) throws IOException {
        Writer.requireNonNegative(limit, "limit");
        ensureOpen();
        int index = indexOf(delimiter, limit == Integer.MAX_VALUE ? limit : limit + 1);
        if (index == NOT_WITHIN_LIMIT) {
            throw new StreamTooLongException(String.format("a line longer than the limit of %d bytes (no delimiter"
                    + " 0x%02x in the next %d bytes); nothing was consumed: the bytes stay buffered, to take or"
                    + " discard", limit, delimiter & 0xff, limit + 1L), limit);
        }
        if (index == NOT_FOUND_AT_END) {
            return end == start ? null : take(end - start);
        }
        ByteBuffer line = view(index);
        toss(index + 1);
        return line;
    }

    // ---- lines ----------------------------------------------------------------------------------

    /** The next line, decoded as UTF-8; see {@link #readLine(Charset)}. */
    public final String readLine() throws IOException {
        return readLine(StandardCharsets.UTF_8);
    }

    /**
     * The next line, decoded with {@code charset}, without its terminator; the terminator is
     * consumed too. A line ends at {@code '\n'} or {@code "\r\n"} (a {@code '\r'} elsewhere is
     * part of the line); the end of the stream ends the last line as a terminator would, so a
     * final line without one is returned whole. At the end of the stream, with no byte left, it
     * returns {@code null}. Bytes that are not valid in {@code charset} decode to its replacement
     * character, as {@link String#String(byte[], Charset)} does; a character whose bytes came in
     * separate reads decodes whole, since a line is decoded once it is complete.
     *
     * <p>A line, with its {@code '\n'}, must fit in {@link #maxBufferSize()} bytes, which bounds
     * what a peer can make a reader allocate: lower the maximum to bound lines more tightly. A
     * longer line throws {@link StreamTooLongException} and consumes nothing; the reader stays
     * usable, with the bytes it read (at least the line's first {@code maxBufferSize()}) still
     * buffered. To skip the line, call
     * {@link #discardDelimiterInclusive discardDelimiterInclusive('\n')}, which drops the rest of
     * it without growing the buffer; the next {@code readLine} then reads the line after it.
     *
     * @return the line, or {@code null} at the end of the stream
     * @throws StreamTooLongException if the line does not fit in {@link #maxBufferSize()} bytes;
     *         nothing is consumed
     * @throws IllegalArgumentException if {@code charset} does not encode {@code '\n'} as the
     *         single byte {@code 0x0a} (UTF-16 and UTF-32 do not): such text cannot be split into
     *         lines byte by byte; decode the bytes with a {@link java.nio.charset.CharsetDecoder}
     */
    public final String readLine(Charset charset) throws IOException {
        return readLine(charset, Integer.MAX_VALUE);  // bounded by maxBufferSize alone
    }

    /**
     * Like {@link #readLine(Charset)}, but a line may have at most {@code maxLineBytes} bytes, not
     * counting its terminator ({@code '\n'} or {@code "\r\n"}): the bound a protocol states
     * ("a line of at most 8,192 bytes"), whatever {@link #maxBufferSize()} is. A longer line throws
     * {@link StreamTooLongException} and consumes nothing, as {@code readLine(charset)} does; so
     * does a line that fits {@code maxLineBytes} but not {@code maxBufferSize()}.
     *
     * @return the line, or {@code null} at the end of the stream
     * @throws StreamTooLongException if the line has more than {@code maxLineBytes} bytes, or does
     *         not fit in {@link #maxBufferSize()} bytes with its {@code '\n'}; nothing is consumed
     * @throws IllegalArgumentException if {@code maxLineBytes} is negative, or {@code charset} is one
     *         that {@link #readLine(Charset)} refuses
     */
    public final String readLine(Charset charset, int maxLineBytes) throws IOException {
        requireLineCharset(charset);
        if (maxLineBytes < 0) {
            throw new IllegalArgumentException("maxLineBytes is negative (" + maxLineBytes
                    + "); give the longest line to accept, in bytes, without its terminator");
        }
        ensureOpen();
        // Room for the line and a "\r\n", within the buffer's maximum.
        int scan = (int) Math.min(maxBufferSize, maxLineBytes + 2L);
        int index = indexOf('\n', scan);
        if (index == NOT_WITHIN_LIMIT && scan == maxBufferSize) {
            throw new StreamTooLongException("a line longer than the reader's maximum of " + maxBufferSize
                    + " bytes (no '\\n' in the next " + maxBufferSize + " bytes); nothing was consumed: the bytes stay"
                    + " buffered. discardDelimiterInclusive('\\n') skips the line; maxBufferSize(n) raises the"
                    + " maximum", maxBufferSize);
        }
        return takeLine(index, maxLineBytes, charset);
    }

    /**
     * Takes the line that ends at {@code index} (from {@link #indexOf}: the {@code '\n'}, or the
     * end of the stream, or not within the scanned bytes) if it has at most {@code maxLineBytes}
     * bytes without its terminator; {@code null} at the end of the stream.
     */
    private String takeLine(int index, int maxLineBytes, Charset charset) throws IOException {
        int length = index >= 0 ? index : end - start;
        if (index == NOT_FOUND_AT_END && length == 0) {
            return null;
        }
        int terminated = index >= 0 ? length + 1 : length;
        if (index >= 0 && length > 0 && buffer.get(start + length - 1) == '\r') {
            length--;
        }
        if (index == NOT_WITHIN_LIMIT || length > maxLineBytes) {
            throw new StreamTooLongException("a line longer than " + maxLineBytes + " bytes; nothing was"
                    + " consumed: the bytes stay buffered. discardDelimiterInclusive('\\n') skips the line",
                    maxLineBytes);
        }
        String line = decode(length, charset);
        toss(terminated);
        return line;
    }

    // ---- reading into the caller's memory -----------------------------------------------------

    /** Reads some bytes into {@code b}; see {@link #read(byte[], int, int)}. */
    public final int read(byte[] b) throws IOException {
        Writer.requireArgument(b, "b");
        return read(b, 0, b.length);
    }

    /**
     * Reads some bytes, at least one unless {@code len} is 0, into {@code b[off, off + len)};
     * returns how many, or -1 at end of stream.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code b}
     */
    public final int read(byte[] b, int off, int len) throws IOException {
        Writer.requireArgument(b, "b");
        Objects.checkFromIndexSize(off, len, b.length);
        return read(ByteBuffer.wrap(b, off, len));
    }

    /**
     * Reads some bytes, at least one unless {@code dst} is full, into {@code dst}, advancing its
     * position; returns how many, or -1 at end of stream.
     */
    public final int read(ByteBuffer dst) throws IOException {
        Writer.requireArgument(dst, "dst");
        return (int) readVec(new ByteBuffer[] {dst});
    }

    /**
     * Reads some bytes, at least one unless the buffers are full, into {@code dsts} in order,
     * advancing their positions; returns how many, or -1 at end of stream. Buffered bytes are
     * copied first, without blocking for more; when nothing is buffered and the buffers have at
     * least as much room as this reader's buffer, the backend reads straight into them.
     */
    public final long readVec(ByteBuffer[] dsts) throws IOException {
        Writer.requireArgument(dsts, "dsts");
        ensureOpen();
        long room = 0;
        for (ByteBuffer dst : dsts) {
            room += dst.remaining();
        }
        if (room == 0) {
            return 0;
        }
        if (end == start) {
            if (room >= buffer.capacity()) {
                return readBypassingBuffer(dsts);
            }
            if (!fillSome(1, STREAMING_BUFFER)) {
                return -1;
            }
        }
        return copyBuffered(dsts);
    }

    /** Reads exactly {@code b.length} bytes into {@code b}; see {@link #readFully(ByteBuffer)}. */
    public final void readFully(byte[] b) throws IOException {
        Writer.requireArgument(b, "b");
        readFully(b, 0, b.length);
    }

    /**
     * Reads exactly {@code len} bytes into {@code b[off, off + len)}.
     *
     * @throws EOFException if the stream ends first
     * @throws IndexOutOfBoundsException if the range is not within {@code b}
     */
    public final void readFully(byte[] b, int off, int len) throws IOException {
        Writer.requireArgument(b, "b");
        Objects.checkFromIndexSize(off, len, b.length);
        readFully(ByteBuffer.wrap(b, off, len));
    }

    /**
     * Fills the remaining space of {@code dst}, advancing its position. If it throws, the
     * position says how far it got, so calling again with {@code dst} resumes exactly.
     *
     * @throws EOFException if the stream ends first
     */
    public final void readFully(ByteBuffer dst) throws IOException {
        Writer.requireArgument(dst, "dst");
        int wanted = dst.remaining();
        ByteBuffer[] dsts = {dst};
        while (dst.hasRemaining()) {
            if (readVec(dsts) < 0) {
                throw new EOFException("end of stream after " + (wanted - dst.remaining()) + " of " + wanted + " bytes");
            }
        }
    }

    // ---- skipping and streaming -----------------------------------------------------------------

    /**
     * Skips up to {@code n} bytes and returns how many it skipped: fewer only at end of stream.
     * A file reader skips without reading. If it throws, it may have skipped part of the bytes.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public final long discard(long n) throws IOException {
        Writer.requireNonNegative(n, "n");
        ensureOpen();
        int fromBuffer = (int) Math.min(n, end - start);
        toss(fromBuffer);
        return fromBuffer == n ? n : fromBuffer + discardUnbuffered(n - fromBuffer);
    }

    /**
     * Skips the bytes up to and including the next {@code delimiter} (its low 8 bits), reading
     * as needed without growing the buffer, and returns how many it skipped, the delimiter
     * included. It skips an over-long line that {@link #readLine} or a delimiter method refused
     * in one call, whatever its length. If it is canceled or fails, the bytes it skipped so far
     * stay skipped, as with {@link #discard}.
     *
     * @throws EOFException if the stream ends before a delimiter; every byte up to the end was
     *         skipped
     */
    public final long discardDelimiterInclusive(int delimiter) throws IOException {
        ensureOpen();
        long skipped = discardUntil(delimiter, Long.MAX_VALUE);
        if (end == start) {
            throw new EOFException(String.format("end of stream before a delimiter 0x%02x; the %d bytes before"
                    + " the end were discarded", delimiter & 0xff, skipped));
        }
        toss(1);
        return skipped + 1;
    }

    /**
     * Skips the bytes up to the next {@code delimiter} (its low 8 bits), leaving the delimiter
     * as the next byte to read, and returns how many it skipped; reads as needed without growing
     * the buffer. The end of the stream ends it too, without an error: {@link #buffered()} is 0
     * afterwards only then. If it is canceled or fails, the bytes it skipped so far stay skipped.
     */
    public final long discardDelimiterExclusive(int delimiter) throws IOException {
        ensureOpen();
        return discardUntil(delimiter, Long.MAX_VALUE);
    }

    /**
     * Like {@link #discardDelimiterExclusive}, but skips at most {@code limit} bytes: it returns
     * at the delimiter or the end of the stream, having skipped {@code limit} bytes or fewer
     * (it looks at the byte after the limit to tell, as {@link #takeDelimiterExclusive} does).
     *
     * @throws StreamTooLongException if the {@code limit} bytes skipped are followed by a byte
     *         that is not the delimiter; they stay skipped, and that byte is the next to read
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public final long discardDelimiterLimit(int delimiter, long limit) throws IOException {
        Writer.requireNonNegative(limit, "limit");
        ensureOpen();
        return discardUntil(delimiter, limit);
    }

    /**
     * Writes up to {@code limit} bytes ({@code Long.MAX_VALUE}: all) of this reader to
     * {@code writer} and returns how many: fewer only at end of stream. From a file reader, or a
     * {@link #limited} one over a file reader, it is {@link Writer#sendFile}, zero-copy when the
     * writer can. If it throws, this reader advanced by exactly what was written.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public final long stream(Writer writer, long limit) throws IOException {
        Writer.requireArgument(writer, "writer");
        Writer.requireNonNegative(limit, "limit");
        ensureOpen();
        writer.ensureOpen();
        return streamTo(writer, limit);
    }

    /**
     * Closes this reader and drops what it buffered; later reads throw. Idempotent. It does not
     * close the channel or reader underneath. Subclasses that own a resource override it,
     * calling this first, in a try-finally.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        start = 0;
        end = 0;
    }

    // ---- views ----------------------------------------------------------------------------------

    /**
     * This reader as an {@link InputStream}: reads go through this reader's buffer,
     * {@code available} is {@link #buffered()}, {@code skip} is {@link #discard}, and
     * {@code close} closes this reader. Not thread-safe either.
     */
    public final InputStream asInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                ensureOpen();
                if (end == start && !fillSome(1, STREAMING_BUFFER)) {
                    return -1;
                }
                return takeByte();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return Reader.this.read(b, off, len);
            }

            @Override
            public long skip(long n) throws IOException {
                return n <= 0 ? 0 : discard(n);
            }

            @Override
            public int available() {
                return buffered();
            }

            @Override
            public void close() throws IOException {
                Reader.this.close();
            }
        };
    }

    /**
     * This reader as a blocking {@link ReadableByteChannel}: {@code read} is
     * {@link #read(ByteBuffer)}, and {@code close} closes this reader. Not thread-safe either,
     * despite what the channel interface usually promises.
     */
    public final ReadableByteChannel asChannel() {
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return Reader.this.read(dst);
            }

            @Override
            public boolean isOpen() {
                return !closed;
            }

            @Override
            public void close() throws IOException {
                Reader.this.close();
            }
        };
    }

    // ---- package internals ----------------------------------------------------------------------

    final void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the reader is closed");
        }
    }

    /** Bytes handed out or skipped since this reader was made. */
    final long consumed() {
        return consumed;
    }

    /** Records bytes of the source consumed without passing through the buffer. */
    final void consumedUnbuffered(long n) {
        consumed += n;
    }

    /** Records that {@code n} bytes of {@code file} after the buffered ones were consumed without reading them. */
    static void skipSource(FileReader file, long n) {
        file.advance(n);
        ((Reader) file).consumedUnbuffered(n); // a member of Reader, not of a subclass in another package
    }

    /**
     * {@link #stream} once checked: a file reader's bytes go through {@link Writer#sendFile};
     * overridden where another better path exists.
     */
    long streamTo(Writer writer, long limit) throws IOException {
        return this instanceof FileReader ? writer.sendFile(this, limit) : streamThroughBuffer(writer, limit);
    }

    /**
     * Skips up to {@code n} bytes past the buffered ones: a file reader moves its position without
     * reading; overridden where another source can skip.
     */
    long discardUnbuffered(long n) throws IOException {
        if (this instanceof FileReader file) {
            long skipped = file.available(n);
            skipSource(file, skipped);
            return skipped;
        }
        long skipped = 0;
        while (skipped < n && fillSome(1, STREAMING_BUFFER)) {
            int step = (int) Math.min(n - skipped, end - start);
            toss(step);
            skipped += step;
        }
        return skipped;
    }

    /**
     * Makes room in the buffer for {@code needed} bytes from the first buffered one, with free
     * space after the last, compacting or growing it (towards {@code growUpTo} at most, but at
     * least to {@code needed}, and never past {@link #maxBufferSize()}). Returns false when no
     * more bytes can ever come, so there is no point (a fixed reader's buffer is its whole stream).
     *
     * @throws StreamTooLongException if {@code needed} is more than the buffer may grow to
     */
    boolean ensureRoom(int needed, int growUpTo) throws StreamTooLongException {
        int capacity = buffer.capacity();
        if (capacity - start >= needed) {
            return true;
        }
        int held = end - start;
        ByteBuffer target = buffer;
        if (capacity < needed) {
            if (needed > maxBufferSize) {
                throw new StreamTooLongException("the request needs " + needed + " bytes in the reader's buffer, more"
                        + " than its maximum of " + maxBufferSize + " (" + held + " buffered, nothing consumed);"
                        + " raise it with maxBufferSize(n) if the bytes must be whole in memory, or read them in"
                        + " pieces (read, readFully, stream)", maxBufferSize);
            }
            long grown = Math.min(Math.min(Math.min(Math.max(2L * capacity, MIN_GROWTH), Math.max(growUpTo, needed)),
                    maxBufferSize), MAX_BUFFER);
            int newCapacity = (int) Math.max(grown, needed);
            target = buffer.isDirect() ? ByteBuffer.allocateDirect(newCapacity) : ByteBuffer.allocate(newCapacity);
        }
        target.put(0, buffer, start, held);
        buffer = target;
        start = 0;
        end = held;
        return true;
    }

    /** Writes the buffered bytes, up to {@code limit}, to {@code writer}; returns how many. */
    final long streamBuffered(Writer writer, long limit) throws IOException {
        long sent = 0;
        while (sent < limit && end > start) {
            int step = (int) Math.min(limit - sent, end - start);
            long written = writer.writeSome(new PendingWrite(buffer.slice(start, step)));
            toss((int) written);
            sent += written;
        }
        return sent;
    }

    /** Writes up to {@code limit} bytes to {@code writer}, refilling the buffer as it goes. */
    final long streamThroughBuffer(Writer writer, long limit) throws IOException {
        long sent = 0;
        while (sent < limit && (end > start || fillSome(1, STREAMING_BUFFER))) {
            sent += streamBuffered(writer, limit - sent);
        }
        return sent;
    }

    // ---- private ----------------------------------------------------------------------------------

    private ByteBuffer view(int n) {
        return buffer.slice(start, n).asReadOnlyBuffer();
    }

    private void toss(int n) {
        start += n;
        consumed += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /**
     * One successful call of the hook into the buffer's free space, after making room for
     * {@code needed} bytes from the first buffered one; false at end of stream.
     */
    private boolean fillSome(int needed, int growUpTo) throws IOException {
        if (!ensureRoom(needed, growUpTo)) {
            return false;
        }
        ByteBuffer free = buffer.slice(end, buffer.capacity() - end);
        ByteBuffer[] dsts = {free};
        long read;
        do {
            read = readHookChecked(dsts, free.remaining());
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        end += (int) read;
        return true;
    }

    /**
     * The hook reads into the caller's buffers and, after them, the buffer's free space, so a big
     * read costs no copy and still reads ahead. Called with the buffer empty.
     */
    private long readBypassingBuffer(ByteBuffer[] dsts) throws IOException {
        ByteBuffer free = buffer.slice(0, buffer.capacity());
        ByteBuffer[] all = Arrays.copyOf(dsts, dsts.length + 1);
        all[dsts.length] = free;
        long room = free.remaining();
        for (ByteBuffer dst : dsts) {
            room += dst.remaining();
        }
        long read;
        do {
            read = readHookChecked(all, room);
        } while (read == 0);
        if (read < 0) {
            return -1;
        }
        end = free.position();
        long intoCaller = read - end;
        consumed += intoCaller;
        return intoCaller > 0 ? intoCaller : copyBuffered(dsts);
    }

    private long copyBuffered(ByteBuffer[] dsts) {
        long copied = 0;
        for (ByteBuffer dst : dsts) {
            int step = Math.min(dst.remaining(), end - start);
            dst.put(dst.position(), buffer, start, step);
            dst.position(dst.position() + step);
            toss(step);
            copied += step;
        }
        return copied;
    }

    /**
     * What the hook reads from, for {@code io.zsync.IoOperation} events: named after the class
     * ({@code SocketReader} reads a "socket"); {@code null} for readers whose hook does no I/O.
     */
    String ioTarget() {
        return IoOperationEvent.targetNamed(getClass(), "Reader");
    }

    /** Calls {@link #readHook} and holds it to its contract, so a broken backend fails loudly. */
    private long readHookChecked(ByteBuffer[] dsts, long room) throws IOException {
        IoOperationEvent event = IoEvents.begin();
        long read = readHook(dsts);
        if (event != null) {
            event.finish("read", ioTarget(), read);
        }
        if (read < -1 || read > room || (read >= 0 && dsts[dsts.length - 1].position() > read)) {
            throw new IllegalStateException(getClass().getName() + ".readHook returned " + read + " for buffers with "
                    + room + " bytes of room, having put " + dsts[dsts.length - 1].position()
                    + " into the reader's buffer; it must return -1 or the number of bytes it put into them");
        }
        return read;
    }

    /**
     * The index of {@code delimiter} among the first {@code maxScan} buffered bytes, reading as
     * needed; {@link #NOT_WITHIN_LIMIT} if those bytes hold none, {@link #NOT_FOUND_AT_END} if
     * the stream ends first. Consumes nothing.
     */
    private int indexOf(int delimiter, int maxScan) throws IOException {
        byte wanted = (byte) delimiter;
        int scanned = 0;
        while (true) {
            int available = Math.min(end - start, maxScan);
            int found = find(wanted, scanned, available);
            if (found >= 0) {
                return found;
            }
            if (available == maxScan) {
                return NOT_WITHIN_LIMIT;
            }
            scanned = available;
            if (!fillSome(available + 1, maxScan)) {
                return NOT_FOUND_AT_END;
            }
        }
    }

    /**
     * Skips bytes up to the next {@code delimiter}, leaving it buffered, or to the end of the
     * stream (then nothing is left buffered), refilling the buffer without growing it; returns
     * how many it skipped.
     *
     * @throws StreamTooLongException if the byte after {@code limit} skipped ones is not the delimiter
     */
    private long discardUntil(int delimiter, long limit) throws IOException {
        byte wanted = (byte) delimiter;
        long skipped = 0;
        while (end > start || fillSome(1, STREAMING_BUFFER)) {
            long allowed = limit - skipped;
            int scan = (int) (Math.min(end - start - 1, allowed) + 1); // up to one byte past the limit
            int found = find(wanted, 0, scan);
            if (found >= 0) {
                toss(found);
                return skipped + found;
            }
            if (scan > allowed) {
                toss((int) allowed);
                throw new StreamTooLongException(String.format("no delimiter 0x%02x within the limit of %d bytes;"
                        + " those bytes were discarded, and the next byte is the first past the limit",
                        delimiter & 0xff, limit), limit);
            }
            toss(scan);
            skipped += scan;
        }
        return skipped;
    }

    /** The next {@code length} buffered bytes decoded; consumes nothing. */
    private String decode(int length, Charset charset) {
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + start, length, charset);
        }
        if (lineBytes.length < length) {
            lineBytes = new byte[Math.max(length, Math.min(2 * lineBytes.length, maxBufferSize))];
        }
        buffer.get(start, lineBytes, 0, length);
        return new String(lineBytes, 0, length, charset);
    }

    private void requireLineCharset(Charset charset) {
        Writer.requireArgument(charset, "charset");
        if (charset.equals(lineCharset) || !charset.canEncode()) {
            return; // a charset that only decodes cannot be asked; it is taken on trust
        }
        byte[] newline = "\n".getBytes(charset);
        if (newline.length != 1 || newline[0] != '\n') {
            throw new IllegalArgumentException("charset " + charset + " does not encode '\\n' as the single byte 0x0a,"
                    + " so its text cannot be split into lines byte by byte; read the bytes and decode them with"
                    + " a CharsetDecoder");
        }
        lineCharset = charset;
    }

    /** The first index in {@code [from, to)}, counted from the first buffered byte, that holds {@code wanted}; or -1. */
    private int find(byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer.get(start + i) == wanted) {
                return i;
            }
        }
        return -1;
    }
}
