package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import io.zsync.fs.File;
import io.zsync.io.ArrayWriter;
import io.zsync.io.CountingWriter;
import io.zsync.io.Reader;
import io.zsync.io.StreamTooLongException;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Text over readers and writers: lines as strings ({@code \n}, {@code \r\n}, a last line without
 * a terminator, characters split across reads), an over-long line refused and skipped in one call,
 * Zig's {@code discardDelimiter*}, and {@code print} with a charset, on every kind of reader and
 * writer (in memory, channel, file, socket).
 */
final class ReaderLineCases {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Lines with every ending, empty ones, a lone {@code \r} and characters of 2, 3 and 4 bytes. */
    private static final String TEXT = "plain\ncrlf\r\n\n\r\na\rb\ncafé €5 😀\r\nlast without newline";
    private static final List<String> LINES =
            List.of("plain", "crlf", "", "", "a\rb", "café €5 😀", "last without newline");

    private ReaderLineCases() {}

    static List<Case> cases() {
        String area = "io-lines";
        return List.of(
                Case.of(area, "readLine splits at \\n and \\r\\n and returns a last line without one, then null, on every kind of reader", io -> {
                    byte[] bytes = TEXT.getBytes(UTF_8);
                    assertEquals(LINES, readLines(Reader.fixed(bytes)), "fixed");
                    assertEquals(LINES, readLines(Reader.of(Channels.newChannel(new ByteArrayInputStream(bytes)), 8)), "channel");
                    assertEquals(LINES, readLines(Reader.of(trickle(bytes), 0)), "one byte per read, unbuffered");
                    byte[] withMore = (TEXT + "\nnot for the limited reader").getBytes(UTF_8);
                    Reader source = Reader.of(trickle(withMore), 4);
                    assertEquals(LINES, readLines(Reader.limited(source, bytes.length)), "limited");
                    assertEquals("", source.readLine(), "the limited reader took more than its limit");
                    Path path = Files.createTempFile("zsync-tck-lines", ".txt");
                    try {
                        Files.write(path, bytes);
                        try (File file = io.fs().open(path); Reader in = file.reader(5)) {
                            assertEquals(LINES, readLines(in), "file");
                        }
                    } finally {
                        Files.delete(path);
                    }
                    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
                            Connection c = io.net().connect(server.getLocalSocketAddress());
                            Socket peer = server.accept()) {
                        peer.getOutputStream().write(bytes);
                        peer.shutdownOutput();
                        assertEquals(LINES, readLines(c.reader()), "socket");
                    }
                }).kernelOnly("it writes its file with java.nio.file.Files, and its socket's peer is a plain JDK socket"),
                Case.of(area, "lines over a loopback socket: \\r\\n, and a line and a character of 2, 3 and 4 bytes split across reads", io -> {
                    // Each chunk ends a line and starts the next; the peer sends a chunk only once
                    // the reader has returned the line before, so (loopback delivering a small
                    // write whole) each line's two parts come in separate reads of the socket.
                    List<byte[]> chunks = List.of(
                            "first\r\nsec".getBytes(UTF_8),
                            concat("ond\r\ncaf".getBytes(UTF_8), new byte[] {(byte) 0xC3}),
                            concat(new byte[] {(byte) 0xA9}, "\r\neuro ".getBytes(UTF_8), new byte[] {(byte) 0xE2, (byte) 0x82}),
                            concat(new byte[] {(byte) 0xAC}, "\r\nsmile ".getBytes(UTF_8), new byte[] {(byte) 0xF0, (byte) 0x9F}),
                            concat(new byte[] {(byte) 0x98, (byte) 0x80}, "\r\nsplit crlf\r".getBytes(UTF_8)),
                            "\nend".getBytes(UTF_8));
                    List<String> expected = List.of("first", "second", "café", "euro €", "smile 😀", "split crlf", "end");
                    Threads threads = new Threads();
                    InetSocketAddress address = Loopback.serveOnce(threads, io, LOOPBACK, socket -> {
                        socket.setTcpNoDelay(true);
                        OutputStream out = socket.getOutputStream();
                        InputStream acks = socket.getInputStream();
                        for (byte[] chunk : chunks) {
                            if (chunk != chunks.get(0) && acks.read() < 0) {
                                return;
                            }
                            out.write(chunk);
                            out.flush();
                        }
                        socket.shutdownOutput();
                        acks.readAllBytes();
                    });
                    List<String> got = new ArrayList<>();
                    try (Connection c = io.net().connect(address)) {
                        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        Reader in = c.reader();
                        Writer acks = c.writer();
                        for (String line; (line = in.readLine(UTF_8)) != null; ) {
                            got.add(line);
                            acks.writeByte('+');
                            acks.flush();
                        }
                    }
                    threads.join(io);
                    assertEquals(expected, got);
                }).io(),
                Case.of(area, "readLine with a maximum line length: the terminator does not count, a longer line is refused consuming nothing", io -> {
                    for (Reader in : List.of(Reader.fixed("12345\nabcdef\r\nabcde\r\n\nxyz\r".getBytes(UTF_8)),
                            Reader.of(trickle("12345\nabcdef\r\nabcde\r\n\nxyz\r".getBytes(UTF_8)), 0))) {
                        assertEquals("12345", in.readLine(UTF_8, 5));
                        StreamTooLongException tooLong = assertThrows(StreamTooLongException.class, () -> in.readLine(UTF_8, 5));
                        assertEquals(5, tooLong.limit());
                        assertEquals("abcdef", in.readLine(UTF_8, 6), "the refused line was consumed");
                        assertEquals("abcde", in.readLine(UTF_8, 5), "\\r\\n counted in the line's length");
                        assertEquals("", in.readLine(UTF_8, 0));
                        assertEquals("xyz\r", in.readLine(UTF_8, 4), "a \\r without \\n is part of the line, at the end too");
                        assertNull(in.readLine(UTF_8, 4));
                    }
                    Reader small = Reader.of(trickle("0123456789\nnext\n".getBytes(UTF_8)), 4).maxBufferSize(8);
                    StreamTooLongException buffer = assertThrows(StreamTooLongException.class, () -> small.readLine(UTF_8, 100));
                    assertEquals(8, buffer.limit(), "the reader's maximum bounds a line below maxLineBytes");
                    small.discardDelimiterInclusive('\n');
                    assertEquals("next", small.readLine(UTF_8, 100));
                    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> small.readLine(UTF_8, -1));
                    assertTrue(negative.getMessage().startsWith("maxLineBytes is negative"), negative.getMessage());
                }),
                Case.of(area, "an over-long line: readLine refuses it consuming nothing, discardDelimiterInclusive skips it in one call, the next line reads intact", io -> {
                    byte[] bytes = ("short\n" + "x".repeat(1000) + "\nafter €\r\n").getBytes(UTF_8);
                    overLongLineSkipped(Reader.of(trickle(bytes), 16).maxBufferSize(64), "one byte per read");
                    overLongLineSkipped(Reader.fixed(bytes).maxBufferSize(64), "fixed");
                    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
                            Connection c = io.net().connect(server.getLocalSocketAddress());
                            Socket peer = server.accept()) {
                        peer.getOutputStream().write(bytes);
                        peer.shutdownOutput();
                        overLongLineSkipped(c.reader().maxBufferSize(64), "socket");
                    }
                }).kernelOnly("its peer is a plain JDK socket, to check zsync against the system's own"),
                Case.of(area, "discardDelimiterExclusive, Inclusive and Limit skip to the delimiter, past it, or at most a limit", io -> {
                    byte[] bytes = "abc;def;ghi;jk".getBytes(UTF_8);
                    discardsAsZigDoes(Reader.fixed(bytes));
                    discardsAsZigDoes(Reader.of(trickle(bytes), 2));
                    Reader unbuffered = Reader.of(trickle(bytes), 0);
                    assertEquals(4, unbuffered.discardDelimiterInclusive(';'));
                    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                            () -> unbuffered.discardDelimiterLimit(';', -1));
                    assertTrue(negative.getMessage().startsWith("limit"), negative.getMessage());
                    assertEquals("def;ghi;jk", readLines(unbuffered).get(0), "a refused call skipped something");
                }),
                Case.of(area, "print with a charset writes what String.getBytes does, on every kind of writer", io -> {
                    String text = printText();
                    for (Charset charset : List.of(UTF_8, ISO_8859_1, UTF_16LE, UTF_16)) {
                        byte[] expected = twice(text.getBytes(charset));
                        for (ArrayWriter out : List.of(Writer.growing(8), Writer.growing(64), Writer.fixed(new byte[expected.length]))) {
                            printTwice(out, text, charset);
                            assertArrayEquals(expected, out.toByteArray(), charset + " into an array writer");
                        }
                        CountingWriter discarding = Writer.discarding();
                        printTwice(discarding, text, charset);
                        assertEquals(expected.length, discarding.count(), charset + " counted");
                        for (int bufferSize : new int[] {0, 63, 64, 100, 8192}) {
                            ByteArrayOutputStream sink = new ByteArrayOutputStream();
                            Writer out = Writer.of(Channels.newChannel(sink), bufferSize);
                            printTwice(out, text, charset);
                            out.flush();
                            assertArrayEquals(expected, sink.toByteArray(), charset + " through a channel writer of " + bufferSize);
                        }
                    }
                    byte[] expected = twice(text.getBytes(UTF_8));
                    Path path = Files.createTempFile("zsync-tck-print", ".txt");
                    try {
                        try (File file = io.fs().create(path); Writer out = file.writer(100)) {
                            printTwice(out, text, UTF_8);
                        }
                        assertArrayEquals(expected, Files.readAllBytes(path), "file");
                    } finally {
                        Files.delete(path);
                    }
                    AtomicReference<byte[]> received = new AtomicReference<>();
                    Threads threads = new Threads();
                    InetSocketAddress address = Loopback.serveOnce(threads, io, LOOPBACK,
                            socket -> received.set(socket.getInputStream().readAllBytes()));
                    try (Connection c = io.net().connect(address)) {
                        printTwice(c.writer(), text, UTF_8);
                    }
                    threads.join(io);
                    assertArrayEquals(expected, received.get(), "socket");
                }).kernelOnly("it makes or reads its files with java.nio.file.Files on the real disk"),
                Case.of(area, "a print that does not fit a fixed writer throws StreamTooLongException and writes nothing of the text", io -> {
                    for (int capacity : new int[] {10, 100}) {
                        ArrayWriter out = Writer.fixed(new byte[capacity]);
                        out.print("ok ");
                        StreamTooLongException tooLong = assertThrows(StreamTooLongException.class,
                                () -> out.print("é".repeat(capacity)));
                        assertEquals(capacity, tooLong.limit());
                        assertTrue(tooLong.getMessage().contains("nothing of it was written"), tooLong.getMessage());
                        assertArrayEquals("ok ".getBytes(UTF_8), out.toByteArray(), "into " + capacity + " bytes");
                        out.print("more");
                        assertEquals("ok more", new String(out.toByteArray(), UTF_8));
                    }
                }),
                Case.of(area, "readLine refuses a charset that does not encode \\n as the byte 0x0a, reading nothing", io -> {
                    Reader in = Reader.fixed("one\ntwo\n".getBytes(UTF_8));
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.readLine(UTF_16));
                    assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
                    assertEquals("one", in.readLine(ISO_8859_1));
                    assertEquals("two", in.readLine());
                    assertNull(in.readLine());
                }));
    }

    /** Every line of {@code in}, until {@code readLine} returns {@code null}, which it then does again. */
    private static List<String> readLines(Reader in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine(UTF_8)) != null; ) {
            lines.add(line);
        }
        assertNull(in.readLine(UTF_8), "readLine after the end");
        return lines;
    }

    private static void overLongLineSkipped(Reader in, String kind) throws IOException {
        assertEquals("short", in.readLine(), kind);
        StreamTooLongException tooLong = assertThrows(StreamTooLongException.class, () -> in.readLine(UTF_8), kind);
        assertEquals(64, tooLong.limit(), kind);
        assertTrue(tooLong.getMessage().contains("discardDelimiterInclusive"), tooLong.getMessage());
        assertTrue(in.buffered() >= 64, kind + ": the refused line's bytes stay buffered, " + in.buffered());
        assertEquals('x', in.peek(1).get(0), kind + ": the refused line was consumed");
        assertEquals(1001, in.discardDelimiterInclusive('\n'), kind);
        assertEquals("after €", in.readLine(UTF_8), kind);
        assertNull(in.readLine(UTF_8), kind);
    }

    /** On {@code "abc;def;ghi;jk"}: each form of discardDelimiter, as Zig's Reader defines it. */
    private static void discardsAsZigDoes(Reader in) throws IOException {
        assertEquals(3, in.discardDelimiterExclusive(';'), "up to the delimiter");
        assertEquals(';', in.takeByte(), "the delimiter is left to read");
        assertEquals(3, in.discardDelimiterLimit(';', 3), "a run of exactly the limit before the delimiter fits");
        assertEquals(';', in.takeByte());
        StreamTooLongException tooLong = assertThrows(StreamTooLongException.class, () -> in.discardDelimiterLimit(';', 2));
        assertEquals(2, tooLong.limit());
        assertEquals('i', in.takeByte(), "the limit's bytes are skipped, and the next is the first past it");
        assertEquals(1, in.discardDelimiterInclusive(';'), "past the delimiter, which counts");
        assertEquals(2, in.discardDelimiterLimit(';', 10), "the end of the stream ends it without an error");
        assertEquals(0, in.buffered());
        assertEquals(0, in.discardDelimiterExclusive(';'));
        EOFException end = assertThrows(EOFException.class, () -> in.discardDelimiterInclusive(';'));
        assertTrue(end.getMessage().contains("0x3b"), end.getMessage());
    }

    /**
     * Text of about 13,000 chars: ASCII, characters of 2, 3 and 4 bytes in UTF-8 (some that
     * ISO-8859-1 cannot encode), a lone surrogate, and a surrogate pair across every chunk
     * boundary {@code print} might use.
     */
    private static String printText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3_000; i++) {
            text.append("line ").append(i).append(": café, €, 😀\r\n");
            if (i % 7 == 0) {
                text.append('\uD800').append('!');
            }
        }
        text.setLength(511);
        text.append("😀 after the first chunk of 512 chars ").append("é".repeat(10_000));
        return text.toString();
    }

    private static void printTwice(Writer out, String text, Charset charset) throws IOException {
        out.print(text, charset);
        out.print(new StringBuilder(text), charset);
    }

    private static byte[] twice(byte[] bytes) {
        return concat(bytes, bytes);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** A channel of {@code bytes} that gives one byte per read: every line splits at every byte. */
    private static ReadableByteChannel trickle(byte[] bytes) {
        ByteBuffer left = ByteBuffer.wrap(bytes);
        return new ReadableByteChannel() {
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) {
                if (!left.hasRemaining()) {
                    return -1;
                }
                if (!dst.hasRemaining()) {
                    return 0;
                }
                dst.put(left.get());
                return 1;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }
}
