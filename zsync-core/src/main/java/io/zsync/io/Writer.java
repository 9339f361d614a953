package io.zsync.io;

import io.zsync.internal.FileReader;
import io.zsync.internal.FileSource;
import io.zsync.internal.TransferSink;
import io.zsync.internal.jfr.IoEvents;
import io.zsync.internal.jfr.IoOperationEvent;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A byte sink with its buffer in the interface, after Zig's {@code std.Io.Writer}. Writes that
 * fit in the buffer are copied there and never reach the backend; the rest goes, together with
 * the buffered bytes, through one vectored hook, {@link #drain}, which a backend implements.
 * Repeated bytes (padding, fills) travel as a <em>splat</em>: a buffer and a repeat count, never
 * copied out N times.
 *
 * <pre>{@code
 * try (Writer out = Writer.of(channel, 8192)) {
 *     out.print("HTTP/1.1 200 OK\r\n\r\n");
 *     out.sendFile(Reader.ofFile(file, 0, 8192), Long.MAX_VALUE);   // zero-copy when it can
 * }
 * }</pre>
 *
 * <h2>Blocking and errors</h2>
 * Every write blocks until its bytes are buffered or accepted by the backend; it throws
 * {@link IOException} when the backend fails and {@link io.zsync.CanceledException} when the
 * calling task is canceled while the backend waits. A failed write may have passed part of its
 * bytes on; {@link #write(ByteBuffer)} says how many through the buffer's position, so calling it
 * again with the same buffer resumes with nothing lost or repeated.
 *
 * <h2>Thread safety</h2>
 * A writer is <em>not</em> thread-safe: one task at a time uses it.
 *
 * <h2>Implementing a backend</h2>
 * Pass the buffer to the constructor (a direct one saves the JDK a copy on channel writes) and
 * implement {@link #drain}; {@link #gather} and {@link #markWritten} make a channel-backed hook a
 * one-liner. Override {@link #sendFileHook} when the sink can take bytes straight from a file.
 */
public abstract class Writer implements Flushable, AutoCloseable {

    /** Returned by {@link #sendFileHook} when the sink cannot take bytes straight from a file. */
    protected static final long UNSUPPORTED = -1;

    /** The most bytes of repetitions {@link #gather} puts in one array, so one call stays bounded. */
    private static final int MAX_GATHERED_REPEAT_BYTES = 64 * 1024;
    /** The most buffers {@link #gather} puts in one array (Linux's IOV_MAX is 1024). */
    private static final int MAX_GATHERED_BUFFERS = 512;
    /** {@link #splatBytes} lays a short pattern out into a block about this big, then splats it. */
    private static final int SPLAT_BLOCK_BYTES = 4096;
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);
    /** The smallest buffer {@link #print} encodes into: room for a character of any charset. */
    private static final int MIN_ENCODING_BUFFER = 64;
    /** How many chars of a text {@link #print} copies out to encode at a time. */
    private static final int PRINT_CHUNK = 512;

    private ByteBuffer buffer;
    /** The buffered bytes are {@code buffer[start, end)}; both are 0 whenever it is empty. */
    private int start;
    private int end;
    private boolean closed;
    private long sendFileFallbacks;
    /** What {@link #print} encodes with, kept for the next text in the same charset. */
    private CharsetEncoder encoder;
    /** The chars of the text {@link #print} is encoding, a chunk at a time. */
    private CharBuffer printChars;
    /** How many bytes of the text being printed are still buffered: the last ones. */
    private int printing;

    /**
     * Creates a writer that buffers in {@code buffer}, all of its capacity (its position and limit
     * are ignored). From now on the writer owns it. A buffer of capacity 0 makes an unbuffered
     * writer: every write goes to {@link #drain}.
     */
    protected Writer(ByteBuffer buffer) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
    }

    // ---- factories ------------------------------------------------------------------------------

    /**
     * A writer into {@code into}, from index 0. Writing more than fits throws
     * {@link StreamTooLongException} and writes nothing of that call. {@link ArrayWriter#size()}
     * says how much was written.
     */
    public static ArrayWriter fixed(byte[] into) {
        return new ArrayWriter(ByteBuffer.wrap(into), false);
    }

    /** A writer into a byte array that grows as needed, starting at 256 bytes. */
    public static ArrayWriter growing() {
        return growing(256);
    }

    /**
     * A writer into a byte array that grows as needed, starting at {@code initialCapacity} bytes.
     *
     * @throws IllegalArgumentException if {@code initialCapacity} is negative
     */
    public static ArrayWriter growing(int initialCapacity) {
        return new ArrayWriter(ByteBuffer.allocate(requireNonNegative(initialCapacity, "initialCapacity")), true);
    }

    /** A writer that drops what it is given and counts it ({@link CountingWriter#count()}). */
    public static CountingWriter discarding() {
        return new CountingWriter(null);
    }

    /**
     * An unbuffered writer that passes everything to {@code downstream} and counts it. Flushing
     * it flushes {@code downstream}; closing it does not close {@code downstream}.
     */
    public static CountingWriter counting(Writer downstream) {
        return new CountingWriter(requireArgument(downstream, "downstream"));
    }

    /**
     * A writer to a blocking channel, with a heap buffer of {@code bufferSize} bytes. It writes
     * with one gathering call when the channel is a
     * {@link java.nio.channels.GatheringByteChannel}, and {@link #sendFile} uses
     * {@link FileChannel#transferTo}. Closing the writer does not close the channel: whoever
     * opened it closes it (a socket often has a reader and a writer over one channel).
     *
     * @throws IllegalArgumentException if {@code bufferSize} is negative
     */
    public static Writer of(WritableByteChannel channel, int bufferSize) {
        return new ChannelWriter(requireArgument(channel, "channel"),
                ByteBuffer.allocate(requireNonNegative(bufferSize, "bufferSize")));
    }

    // ---- the backend hooks ----------------------------------------------------------------------

    /**
     * Writes the buffered bytes ({@link #bufferedBytes()}) and then {@code data} to the sink,
     * where the last element of {@code data} counts {@code splat} times (0 allowed: then it is
     * not written at all). Called only when a write does not fit in the buffer, or to flush.
     *
     * <p>Report progress exactly: mark the buffered bytes written with {@link #markWritten}
     * (which also returns the part of a count that belongs to {@code data}), and return how many
     * bytes of {@code data}, counted as the logical sequence {@code data[0] .. data[n-2]} followed
     * by {@code splat} copies of {@code data[n-1]}, were written. No byte of {@code data} may be
     * written before every buffered byte is; partial writes are fine, and 0 does not mean end of
     * stream, only "call again". The elements of {@code data} are views made for this call: the
     * hook may move their positions but must not change their content. {@code data} has at least
     * one element; during a flush its bytes add up to 0.
     *
     * <p>Block until some progress is made. If the hook throws (a failure, or
     * {@link io.zsync.CanceledException} when its wait is canceled), it must have written nothing
     * in this call beyond what it already marked with {@link #markWritten}: the writer then holds
     * exactly what was not written, and the next call goes on from there. A hook that writes in
     * several steps therefore returns its progress instead of throwing once something was
     * written.
     *
     * @return bytes of {@code data} written, from 0 to its logical length
     */
    protected abstract long drain(ByteBuffer[] data, int splat) throws IOException;

    /**
     * Moves up to {@code count} bytes of {@code file}, starting at {@code position}, to the sink
     * without copying them through the heap (for example {@link FileChannel#transferTo}), and
     * returns how many were moved, or {@link #UNSUPPORTED} (the default) when the sink cannot:
     * {@link #sendFile} then falls back to reading and writing. Called after {@link #flush()},
     * so nothing buffered is overtaken. Must not use or move the file's own position. Returning
     * 0 means "call again" unless {@code position} is at or past the end of the file. Like
     * {@link #drain}, it throws only when it moved nothing in this call.
     *
     * <p>It is given the channel of a reader made by {@link Reader#ofFile}. A reader of an
     * {@link io.zsync.fs.File} has no channel to give (its file is its {@code Io}'s I/O driver's):
     * a {@link io.zsync.net.Connection}'s writer sends it through that driver, and other writers
     * read and write it.
     */
    protected long sendFileHook(FileChannel file, long position, long count) throws IOException {
        return UNSUPPORTED;
    }

    // ---- helpers for hook implementations -------------------------------------------------------

    /** A read-only view of the buffered bytes, which {@link #drain} must write first. */
    protected final ByteBuffer bufferedBytes() {
        return buffer.slice(start, end - start).asReadOnlyBuffer();
    }

    /**
     * Records that the sink accepted the first {@code written} bytes of the buffered bytes
     * followed by the bytes of {@code data}: the buffered ones among them leave the buffer.
     * Returns how many of them belong to {@code data}, which is what {@link #drain} returns, so a
     * channel-backed hook reads {@code return markWritten(channel.write(gather(data, splat)));}.
     */
    protected final long markWritten(long written) {
        if (written < 0) {
            throw new IllegalArgumentException("written must not be negative: " + written);
        }
        int held = end - start;
        if (written < held) {
            start += (int) written;
            return 0;
        }
        start = 0;
        end = 0;
        return written - held;
    }

    /**
     * The array for one {@link java.nio.channels.GatheringByteChannel#write(ByteBuffer[])} call:
     * a view of the buffered bytes, the elements of {@code data} but the last, then the last as
     * many times as {@code splat} says, capped at about 64 KiB and 512 buffers of repetitions
     * (at least one repetition when {@code splat > 0}); the hook is called again for the rest.
     * The array is a prefix of what {@link #drain} must write, so {@link #markWritten} maps its
     * count back exactly.
     */
    protected final ByteBuffer[] gather(ByteBuffer[] data, int splat) {
        ByteBuffer last = data[data.length - 1];
        int repeats = 0;
        if (splat > 0) {
            repeats = last.hasRemaining()
                    ? (int) Math.min(splat, Math.min(MAX_GATHERED_BUFFERS,
                            Math.max(1, MAX_GATHERED_REPEAT_BYTES / last.remaining())))
                    : 1;
        }
        ByteBuffer[] all = new ByteBuffer[data.length + repeats];
        all[0] = bufferedBytes();
        System.arraycopy(data, 0, all, 1, data.length - 1);
        for (int i = 0; i < repeats; i++) {
            all[data.length + i] = last.duplicate();
        }
        return all;
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Writes all of {@code b}. */
    public final void write(byte[] b) throws IOException {
        requireArgument(b, "b");
        write(b, 0, b.length);
    }

    /**
     * Writes all of {@code b[off, off + len)}.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code b}
     */
    public final void write(byte[] b, int off, int len) throws IOException {
        requireArgument(b, "b");
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len <= buffer.capacity() - end) {
            buffer.put(end, b, off, len);
            end += len;
            return;
        }
        writeAll(new PendingWrite(ByteBuffer.wrap(b, off, len)));
    }

    /**
     * Writes all the remaining bytes of {@code src}, advancing its position as they are
     * accepted. If it throws, the position says how far it got, so calling again with
     * {@code src} resumes exactly.
     */
    public final void write(ByteBuffer src) throws IOException {
        requireArgument(src, "src");
        ensureOpen();
        writeAll(new PendingWrite(src));
    }

    /**
     * Writes {@code data[0] .. data[n-2]}, then {@code data[n-1]} {@code splat} times, as one
     * vectored write: the remaining bytes of each buffer, which keep their positions.
     *
     * @throws IllegalArgumentException if {@code data} is empty or {@code splat} is negative
     */
    public final void writeSplat(ByteBuffer[] data, long splat) throws IOException {
        requireArgument(data, "data");
        ByteBuffer[] views = new ByteBuffer[data.length];
        for (int i = 0; i < data.length; i++) {
            views[i] = data[i].duplicate();
        }
        PendingWrite pending = new PendingWrite(views, splat);
        ensureOpen();
        writeAll(pending);
    }

    /** Writes the low 8 bits of {@code b}. */
    public final void writeByte(int b) throws IOException {
        ensureOpen();
        if (end < buffer.capacity()) {
            buffer.put(end++, (byte) b);
            return;
        }
        writeAll(new PendingWrite(ByteBuffer.wrap(new byte[] {(byte) b})));
    }

    /**
     * Writes the low 8 bits of {@code b}, {@code n} times.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public final void splatByte(int b, long n) throws IOException {
        splatBytes(new byte[] {(byte) b}, n);
    }

    /**
     * Writes {@code pattern} {@code n} times. Large counts go to the backend as a splat of a
     * block of a few KiB, never as {@code n} copies in memory.
     *
     * @throws IllegalArgumentException if {@code n} is negative or the total exceeds
     *         {@code Long.MAX_VALUE} bytes
     */
    public final void splatBytes(byte[] pattern, long n) throws IOException {
        requireArgument(pattern, "pattern");
        requireNonNegative(n, "n");
        ensureOpen();
        if (pattern.length == 0 || n == 0) {
            return;
        }
        // A short pattern is laid out into a block first, so each repetition the backend sees
        // (each buffer of a gathering write) carries kilobytes rather than a few bytes.
        long perBlock = Math.max(1, Math.min(n, SPLAT_BLOCK_BYTES / pattern.length));
        ByteBuffer block = ByteBuffer.wrap(repeat(pattern, (int) perBlock));
        ByteBuffer rest = ByteBuffer.wrap(repeat(pattern, (int) (n % perBlock)));
        writeAll(new PendingWrite(new ByteBuffer[] {rest, block}, n / perBlock));
    }

    /** Writes {@code text} encoded as UTF-8; see {@link #print(CharSequence, Charset)}. */
    public final void print(CharSequence text) throws IOException {
        print(text, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code text} encoded with {@code charset}. Characters it cannot encode, and lone
     * surrogates, are written as its replacement bytes, as {@link String#getBytes(Charset)} does.
     * If it throws, the text's bytes still buffered are dropped: what reached the sink stays
     * written, and nothing of the text is left to go out with a later flush (a {@link #fixed}
     * writer that the text does not fit in then holds nothing of it).
     *
     * @implNote The text is encoded straight into this writer's buffer, through an encoder the
     *           writer keeps for the charset it last printed with, so printing allocates no byte
     *           array; a writer with a buffer under 64 bytes encodes into a new array instead.
     */
    public final void print(CharSequence text, Charset charset) throws IOException {
        requireArgument(text, "text");
        requireArgument(charset, "charset");
        ensureOpen();
        if (buffer.capacity() < MIN_ENCODING_BUFFER) {
            write(text.toString().getBytes(charset));
            return;
        }
        printing = 0;
        try {
            encode(text, encoderFor(charset));
        } catch (Throwable e) {
            end -= printing;
            if (start == end) {
                start = 0;
                end = 0;
            }
            throw e;
        }
    }

    /**
     * Writes {@link String#format(Locale, String, Object...)} with {@link Locale#ROOT}, as UTF-8.
     *
     * @throws java.util.IllegalFormatException if the format is invalid for the arguments
     */
    public final void printf(String format, Object... args) throws IOException {
        requireArgument(format, "format");
        print(String.format(Locale.ROOT, format, args));
    }

    /**
     * Writes up to {@code limit} bytes ({@code Long.MAX_VALUE}: to the end of the file) from
     * {@code fileReader}, a reader made by {@link Reader#ofFile} or {@link io.zsync.fs.File#reader},
     * and returns how many it wrote: fewer than {@code limit} only at the end of the file. The
     * bytes the reader already buffered go first; then this writer is flushed and the rest goes
     * without passing through the heap: through {@link #sendFileHook}, or, to a
     * {@link io.zsync.net.Connection}, through its {@code Io}'s I/O driver. When that is
     * unsupported, or the reader is not a file reader, the bytes are read and written instead,
     * and {@link #sendFileFallbacks()} counts one.
     * The reader's position advances by what was written; if this throws, it advanced by exactly
     * what was written before.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws IOException if either side fails, or either is closed
     */
    public final long sendFile(Reader fileReader, long limit) throws IOException {
        requireArgument(fileReader, "fileReader");
        requireNonNegative(limit, "limit");
        ensureOpen();
        fileReader.ensureOpen();
        long sent = fileReader.streamBuffered(this, limit);
        if (sent < limit && fileReader instanceof FileReader file) {
            flush();
            while (sent < limit) {
                IoOperationEvent event = IoEvents.begin();
                long moved = transfer(file.source(), file.sourcePosition(), limit - sent);
                if (event != null) {
                    event.finish("sendfile", ioTarget(), moved);
                }
                if (moved == UNSUPPORTED) {
                    break;
                }
                if (moved < 0 || moved > limit - sent) {
                    throw new IllegalStateException(getClass().getName() + ".sendFileHook moved " + moved
                            + " bytes; the contract allows 0 to " + (limit - sent) + " or UNSUPPORTED");
                }
                if (moved == 0 && file.atEndOfFile()) {
                    return sent;
                }
                Reader.skipSource(file, moved);
                sent += moved;
            }
        }
        if (sent == limit) {
            return sent;
        }
        sendFileFallbacks++;
        return sent + fileReader.streamThroughBuffer(this, limit - sent);
    }

    /**
     * One step of {@link #sendFile}'s zero-copy path, with {@link #sendFileHook}'s contract: a
     * writer to a resource of an I/O driver hands it the file itself ({@link TransferSink}); any
     * other writer gets the file's JDK channel, if it has one. Overridden by writers that pass
     * their bytes on to another writer.
     */
    long transfer(FileSource file, long position, long count) throws IOException {
        if (this instanceof TransferSink sink) {
            return sink.transferFrom(file, position, count);
        }
        FileChannel channel = file.channel();
        return channel == null ? UNSUPPORTED : sendFileHook(channel, position, count);
    }

    /**
     * How many {@link #sendFile} calls (including those of {@link Reader#stream}) had to read and
     * write because the zero-copy hook was unsupported or the reader was not a file reader.
     */
    public final long sendFileFallbacks() {
        return sendFileFallbacks;
    }

    /**
     * Writes every buffered byte to the sink, blocking until it is done. If it throws, the bytes
     * not yet written stay buffered and the next flush goes on from there. Subclasses that pass
     * bytes on to another writer override it to flush that one too, calling this first.
     */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        while (end > start) {
            // A fresh array each time: the hook gets it to keep or change as it likes.
            drainChecked(new ByteBuffer[] {NO_BYTES}, 0);
        }
    }

    /**
     * Flushes, then closes this writer; later writes throw. Idempotent. It does not close the
     * channel or writer underneath. If flushing throws (including a cancellation), the writer
     * stays open with its unwritten bytes, so {@code close} can be called again to finish.
     * Subclasses that own a resource override it, calling this first, in a try-finally.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flush();
        closed = true;
    }

    // ---- views ----------------------------------------------------------------------------------

    /**
     * This writer as an {@link OutputStream}: writes go through this writer's buffer, and
     * {@code flush} and {@code close} are this writer's. Not thread-safe either.
     */
    public final OutputStream asOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writeByte(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Writer.this.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                Writer.this.flush();
            }

            @Override
            public void close() throws IOException {
                Writer.this.close();
            }
        };
    }

    /**
     * This writer as a blocking {@link WritableByteChannel}: {@code write} writes all of the
     * buffer it is given; {@code close} closes this writer. Not thread-safe either, despite what
     * the channel interface usually promises.
     */
    public final WritableByteChannel asChannel() {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int length = src.remaining();
                Writer.this.write(src);
                return length;
            }

            @Override
            public boolean isOpen() {
                return !closed;
            }

            @Override
            public void close() throws IOException {
                Writer.this.close();
            }
        };
    }

    // ---- package internals ------------------------------------------------------------------------

    /**
     * One step of a write: copies all of {@code pending} into the buffer if it fits, otherwise
     * gives it to {@link #drain} once and buffers what is left if that then fits. Returns how many
     * bytes of it were accepted. It throws only when the hook did, and then nothing of
     * {@code pending} was accepted in this step.
     */
    final long writeSome(PendingWrite pending) throws IOException {
        long before = pending.remaining();
        if (!bufferIfRoom(pending, before)) {
            pending.consume(drainChecked(pending.hookData(), pending.hookSplat()));
            bufferIfRoom(pending, pending.remaining());
        }
        return before - pending.remaining();
    }

    /** The number of buffered bytes. */
    final int buffered() {
        return end - start;
    }

    final void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the writer is closed");
        }
    }

    /** For writers whose buffer is their storage: a bigger buffer holding the same bytes at 0. */
    final void growBuffer(int capacity) {
        ByteBuffer bigger = buffer.isDirect() ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        bigger.put(0, buffer, start, end - start);
        buffer = bigger;
        end -= start;
        start = 0;
    }

    /** The buffered bytes, by index, for writers whose buffer is their storage. */
    final ByteBuffer buffer() {
        return buffer;
    }

    private void writeAll(PendingWrite pending) throws IOException {
        while (pending.remaining() > 0) {
            writeSome(pending);
        }
    }

    private boolean bufferIfRoom(PendingWrite pending, long length) {
        if (length > buffer.capacity() - end) {
            if (length > buffer.capacity() - (end - start)) {
                return false;
            }
            buffer.put(0, buffer, start, end - start);
            end -= start;
            start = 0;
        }
        pending.copyTo(buffer, end);
        end += (int) length;
        return true;
    }

    /**
     * What the hooks write to, for {@code io.zsync.IoOperation} events: named after the class
     * ({@code SocketWriter} writes to a "socket"); {@code null} for writers whose hooks do no I/O.
     */
    String ioTarget() {
        return IoOperationEvent.targetNamed(getClass(), "Writer");
    }

    /** Calls {@link #drain} and holds it to its contract, so a broken backend fails loudly. */
    private long drainChecked(ByteBuffer[] data, int splat) throws IOException {
        long dataLength = PendingWrite.length(data, splat);
        int bufferedBefore = end - start;
        IoOperationEvent event = IoEvents.begin();
        long written = drain(data, splat);
        if (event != null) {
            event.finish("write", ioTarget(), bufferedBefore - (end - start) + written);
        }
        if (written < 0 || written > dataLength || (written > 0 && end > start)) {
            throw new IllegalStateException(getClass().getName() + ".drain returned " + written + " with "
                    + (end - start) + " buffered bytes unwritten and " + dataLength
                    + " bytes of data; it must write the buffered bytes first and return 0 to "
                    + dataLength);
        }
        return written;
    }

    /**
     * Encodes all of {@code text} into the buffer's free space, a chunk of chars at a time,
     * making room through {@link #drain} whenever the buffer fills; {@link #printing} counts this
     * call's bytes still buffered (always the last ones), so a failure can drop them.
     */
    private void encode(CharSequence text, CharsetEncoder encoder) throws IOException {
        CharBuffer chars = printChars();
        int copied = 0;
        boolean endOfInput;
        CoderResult result;
        do {
            int step = Math.min(chars.remaining(), text.length() - copied);
            text.getChars(copied, copied + step, chars.array(), chars.arrayOffset() + chars.position());
            chars.position(chars.position() + step);
            copied += step;
            endOfInput = copied == text.length();
            chars.flip();
            do {
                ByteBuffer free = buffer.slice(end, buffer.capacity() - end);
                result = encoder.encode(chars, free, endOfInput);
                took(free.position());
                if (result.isOverflow()) {
                    makeRoom();
                }
            } while (result.isOverflow());
            chars.compact();
        } while (!endOfInput);
        do {
            ByteBuffer free = buffer.slice(end, buffer.capacity() - end);
            result = encoder.flush(free);
            took(free.position());
            if (result.isOverflow()) {
                makeRoom();
            }
        } while (result.isOverflow());
    }

    private void took(int encoded) {
        end += encoded;
        printing += encoded;
    }

    /**
     * One call of the hook on the full buffer, then the buffered bytes moved to its front: room
     * for more, or, if the hook made none this time, a next call.
     */
    private void makeRoom() throws IOException {
        drainChecked(new ByteBuffer[] {NO_BYTES}, 0);
        printing = Math.min(printing, end - start);
        buffer.put(0, buffer, start, end - start);
        end -= start;
        start = 0;
    }

    /** The encoder for {@code charset}, ready for a new text: the last one, reset, when it fits. */
    private CharsetEncoder encoderFor(Charset charset) {
        if (encoder != null && encoder.charset().equals(charset)) {
            return encoder.reset();
        }
        encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return encoder;
    }

    private CharBuffer printChars() {
        if (printChars == null) {
            printChars = CharBuffer.allocate(PRINT_CHUNK);
        }
        return printChars.clear();
    }

    private static byte[] repeat(byte[] pattern, int times) {
        byte[] out = new byte[pattern.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(pattern, 0, out, i * pattern.length, pattern.length);
        }
        return out;
    }

    /**
     * {@code value}, the argument called {@code name}, if it is not {@code null}.
     *
     * @throws NullPointerException naming the parameter, if it is
     */
    static <T> T requireArgument(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " is null; pass a value (no argument of a Reader or Writer may be null)");
        }
        return value;
    }

    static int requireNonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    static long requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
