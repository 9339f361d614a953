package io.zsync.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ReaderTest {

    /** A reader of {@code text} from a channel that hands out exactly {@code bytesPerCall} bytes a read. */
    private static Reader trickling(String text, int bytesPerCall, int capacity) {
        ByteBuffer data = ByteBuffer.wrap(text.getBytes(US_ASCII));
        TestChannels.PlainSource source = dst -> {
            if (!data.hasRemaining()) {
                return -1;
            }
            int step = Math.min(bytesPerCall, Math.min(dst.remaining(), data.remaining()));
            dst.put(data.slice(data.position(), step));
            data.position(data.position() + step);
            return step;
        };
        return Reader.of(source, capacity);
    }

    private static String text(ByteBuffer view) {
        return US_ASCII.decode(view.duplicate()).toString();
    }

    @Test
    void peekDoesNotConsumeAndTakeDoes() throws IOException {
        Reader reader = trickling("abcdef", 2, 8);
        assertEquals("abc", text(reader.peek(3)));
        assertEquals("ab", text(reader.take(2)));
        assertEquals('c', reader.takeByte());
        assertEquals("def", text(reader.take(3)));
    }

    @Test
    void aPeekBeyondTheBufferGrowsItToTheRequest() throws IOException {
        Reader reader = trickling("x".repeat(1000), 7, 4);
        assertEquals(1000, reader.peek(1000).remaining());
        assertEquals(1000, reader.buffered());
    }

    @Test
    void peekedBytesAreAReadOnlyView() throws IOException {
        ByteBuffer view = Reader.fixed("abc".getBytes(US_ASCII)).peek(2);
        assertTrue(view.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 'z'));
    }

    @Test
    void theInclusiveDelimiterTakeKeepsTheDelimiterAndTheExclusiveOneDropsIt() throws IOException {
        Reader reader = Reader.fixed("one\ntwo\n\nthree".getBytes(US_ASCII));
        assertEquals("one\n", text(reader.takeDelimiterInclusive('\n', 100)));
        assertEquals("two", text(reader.takeDelimiterExclusive('\n', 100)));
        assertEquals("", text(reader.takeDelimiterExclusive('\n', 100)), "an empty line");
        assertEquals("three", text(reader.takeDelimiterExclusive('\n', 100)), "the end of stream ends the last line");
        assertNull(reader.takeDelimiterExclusive('\n', 100), "null once nothing is left");
    }

    @Test
    void aDelimiterIsFoundWhereverBufferAndChunkBoundariesFall() throws IOException {
        String text = "a\nbb\nccc\ndddd\n\neeeee\nf";
        List<String> expected = List.of("a", "bb", "ccc", "dddd", "", "eeeee", "f");
        for (int capacity = 0; capacity <= 12; capacity++) {
            for (int perCall = 1; perCall <= 7; perCall++) {
                Reader reader = trickling(text, perCall, capacity);
                List<String> lines = new ArrayList<>();
                for (ByteBuffer line; (line = reader.takeDelimiterExclusive('\n', 5)) != null; ) {
                    lines.add(text(line));
                }
                assertEquals(expected, lines, "capacity " + capacity + ", " + perCall + " bytes per read");
            }
        }
    }

    @Test
    void anOverLongLineThrowsNamingTheLimitAndItsBytesStayBuffered() throws IOException {
        Reader reader = trickling("0123456789\nnext\n", 3, 4);
        StreamTooLongException tooLong = assertThrows(StreamTooLongException.class,
                () -> reader.takeDelimiterExclusive('\n', 5));
        assertEquals(5, tooLong.limit());
        assertEquals("a line longer than the limit of 5 bytes (no delimiter 0x0a in the next 6 bytes); nothing was"
                + " consumed: the bytes stay buffered, to take or discard", tooLong.getMessage());
        assertEquals("012345", text(reader.take(6)), "nothing was lost");
        assertEquals("6789\n", text(reader.takeDelimiterInclusive('\n', 5)));
        StreamTooLongException inclusive = assertThrows(StreamTooLongException.class,
                () -> reader.takeDelimiterInclusive('\n', 4));
        assertEquals("no delimiter 0x0a within the limit of 4 bytes; nothing was consumed: the bytes stay"
                + " buffered, to take or discard", inclusive.getMessage());
        assertEquals("next", text(reader.takeDelimiterExclusive('\n', 4)), "a line of exactly the limit fits");
    }

    @Test
    void anInclusiveTakeThatMeetsTheEndThrowsEofAndKeepsTheBytes() throws IOException {
        Reader reader = trickling("tail", 1, 2);
        EOFException end = assertThrows(EOFException.class, () -> reader.takeDelimiterInclusive('\n', 100));
        assertEquals("end of stream before a delimiter 0x0a; the 4 bytes before the end stay buffered", end.getMessage());
        assertEquals("tail", text(reader.take(4)));
    }

    @Test
    void aPeekPastTheEndThrowsEofNamingWhatRemainsAndKeepsIt() throws IOException {
        Reader reader = trickling("abc", 1, 8);
        EOFException end = assertThrows(EOFException.class, () -> reader.peek(10));
        assertEquals("end of stream: 3 bytes remain, 10 needed", end.getMessage());
        assertEquals("abc", text(reader.take(3)));
        assertThrows(EOFException.class, reader::takeByte);
    }

    @Test
    void readFullyPastTheEndThrowsEofNamingHowFarItGot() {
        Reader reader = trickling("abcde", 2, 0);
        EOFException end = assertThrows(EOFException.class, () -> reader.readFully(new byte[8]));
        assertEquals("end of stream after 5 of 8 bytes", end.getMessage());
    }

    /** A source that fills every buffer it is given, with a running count, and records them. */
    private static final class RecordingSource extends TestChannels.Source {
        final List<ByteBuffer[]> calls = new ArrayList<>();

        @Override
        long scatter(ByteBuffer[] dsts) {
            calls.add(dsts.clone());
            long read = 0;
            for (ByteBuffer dst : dsts) {
                while (dst.hasRemaining()) {
                    dst.put((byte) read++);
                }
            }
            return read;
        }
    }

    @Test
    void aVectoredReadAsBigAsTheBufferBypassesItAndReadsAheadAfterIt() throws IOException {
        RecordingSource source = new RecordingSource();
        Reader reader = Reader.of(source, 16);
        ByteBuffer first = ByteBuffer.allocate(10);
        ByteBuffer second = ByteBuffer.allocate(10);
        assertEquals(20, reader.readVec(new ByteBuffer[] {first, second}));
        ByteBuffer[] call = source.calls.get(0);
        assertSame(first, call[0], "the source read straight into the caller's buffers");
        assertSame(second, call[1]);
        assertEquals(16, call[2].capacity(), "then into the reader's buffer");
        assertEquals(16, reader.buffered());
        assertEquals(20, reader.takeByte(), "the read-ahead continues the stream");
    }

    @Test
    void aSmallReadFillsTheBufferAndCopiesFromIt() throws IOException {
        RecordingSource source = new RecordingSource();
        Reader reader = Reader.of(source, 16);
        byte[] small = new byte[4];
        assertEquals(4, reader.read(small));
        assertEquals(1, source.calls.get(0).length, "only the reader's buffer");
        assertEquals(12, reader.buffered());
        assertArrayEquals(new byte[] {0, 1, 2, 3}, small);
    }

    @Test
    void discardReturnsHowManyItSkippedFewerOnlyAtTheEnd() throws IOException {
        Reader reader = trickling("0123456789", 3, 4);
        assertEquals('0', reader.takeByte());
        assertEquals(6, reader.discard(6));
        assertEquals('7', reader.takeByte());
        assertEquals(2, reader.discard(100));
        assertEquals(0, reader.discard(1));
    }

    @Test
    void aFileReaderReadsAtItsOwnPositionSkipsWithoutReadingAndLeavesTheChannelAlone(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "0123456789abcdef");
        try (FileChannel channel = FileChannel.open(file)) {
            channel.position(3);
            Reader reader = Reader.ofFile(channel, 5, 4);
            assertEquals("56", text(reader.take(2)));
            assertEquals(6, reader.discard(6));
            assertEquals("def", text(reader.take(3)));
            assertEquals(-1, reader.read(new byte[4]));
            assertEquals(3, channel.position(), "the channel's own position is not used");
        }
    }

    @Test
    void streamMovesUpToTheLimitIntoAWriter() throws IOException {
        Reader reader = trickling("stream me, then stop", 4, 6);
        ArrayWriter out = Writer.growing(0);
        assertEquals(9, reader.stream(out, 9));
        assertEquals("stream me", new String(out.toByteArray(), US_ASCII));
        assertEquals(11, reader.stream(out, Long.MAX_VALUE), "fewer than the limit only at the end");
        assertEquals("stream me, then stop", new String(out.toByteArray(), US_ASCII));
    }

    @Test
    void aLimitedReaderEndsAtItsLimitAndTheRestStaysInTheSource() throws IOException {
        Reader source = trickling("headerBODY", 3, 4);
        Reader header = Reader.limited(source, 6);
        assertEquals("header", text(header.take(6)));
        assertThrows(EOFException.class, header::takeByte);
        assertEquals(-1, header.read(new byte[10]));
        assertEquals("BODY", text(source.take(4)));
    }

    @Test
    void aFixedReaderNeitherMovesNorChangesTheCallersBuffer() throws IOException {
        ByteBuffer data = ByteBuffer.wrap("..payload".getBytes(US_ASCII)).position(2);
        Reader reader = Reader.fixed(data);
        assertEquals("pay", text(reader.take(3)));
        assertThrows(EOFException.class, () -> reader.peek(10));
        assertEquals("load", text(reader.take(4)));
        assertEquals(2, data.position());
        assertEquals("..payload", new String(data.array(), US_ASCII));
    }

    @Test
    void readAfterCloseThrowsTheReaderIsClosed() throws IOException {
        Reader reader = Reader.fixed(new byte[10]);
        reader.close();
        reader.close();
        List<Executable> misuses = List.of(
                () -> reader.peek(1), () -> reader.take(1), reader::takeByte, () -> reader.read(new byte[1]),
                () -> reader.readFully(new byte[1]), () -> reader.takeDelimiterExclusive('\n', 1),
                () -> reader.takeDelimiterInclusive('\n', 1), () -> reader.fill(1), () -> reader.discard(1),
                () -> reader.stream(Writer.discarding(), 1), () -> Writer.discarding().sendFile(reader, 1),
                () -> reader.asInputStream().read());
        for (Executable misuse : misuses) {
            IOException closed = assertThrows(IOException.class, misuse);
            assertEquals("the reader is closed", closed.getMessage());
        }
        assertFalse(reader.asChannel().isOpen());
    }

    @Test
    void aReadHookThatClaimsMoreThanTheRoomFailsLoudly() {
        Reader reader = new Reader(ByteBuffer.allocate(8)) {
            @Override
            protected long readHook(ByteBuffer[] dsts) {
                return 100;
            }
        };
        IllegalStateException broken = assertThrows(IllegalStateException.class, reader::takeByte);
        assertTrue(broken.getMessage().contains("readHook returned 100"), broken.getMessage());
    }

    @Test
    void theInputStreamViewReadsSkipsAndReportsWhatIsBuffered() throws IOException {
        Reader reader = trickling("0123456789", 4, 8);
        var in = reader.asInputStream();
        assertEquals('0', in.read());
        assertEquals(3, in.available(), "what the first read of 4 left buffered");
        assertEquals(2, in.skip(2));
        assertEquals("3456789", new String(in.readAllBytes(), US_ASCII));
        assertEquals(-1, in.read());
        in.close();
        assertThrows(IOException.class, reader::takeByte);
    }

    @Test
    void theChannelViewReadsUntilMinusOneAndClosesTheReader() throws IOException {
        ReadableByteChannel channel = trickling("channel bytes", 5, 3).asChannel();
        ByteBuffer all = ByteBuffer.allocate(64);
        while (channel.read(all) >= 0) {
            assertTrue(channel.isOpen());
        }
        assertEquals("channel bytes", US_ASCII.decode(all.flip()).toString());
        channel.close();
        assertFalse(channel.isOpen());
    }
}
