package io.zsync.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WriterTest {

    /** A sink that takes everything and remembers the shape of each drain call. */
    private static final class RecordingWriter extends Writer {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<ByteBuffer[]> gathered = new ArrayList<>();
        int drains;

        RecordingWriter(int capacity) {
            super(ByteBuffer.allocate(capacity));
        }

        @Override
        protected long drain(ByteBuffer[] data, int splat) {
            drains++;
            ByteBuffer[] all = gather(data, splat);
            gathered.add(all);
            long written = 0;
            for (ByteBuffer b : all) {
                while (b.hasRemaining()) {
                    received.write(b.get());
                    written++;
                }
            }
            return markWritten(written);
        }
    }

    @Test
    void smallWritesThatFitTheBufferNeverReachTheDrainHook() throws IOException {
        RecordingWriter writer = new RecordingWriter(16);
        writer.write(new byte[10]);
        writer.writeByte(1);
        writer.print("abcde");
        assertEquals(0, writer.drains);
        writer.writeByte(2);
        assertEquals(1, writer.drains, "the 17th byte does not fit");
        writer.flush();
        assertEquals(17, writer.received.size());
    }

    @Test
    void aWriteLargerThanTheBufferGoesOutWithTheBufferedBytesInOneGatheringCall() throws IOException {
        RecordingWriter writer = new RecordingWriter(8);
        writer.write(new byte[] {1, 2, 3});
        byte[] big = new byte[100];
        Arrays.fill(big, (byte) 7);
        writer.write(big);
        assertEquals(1, writer.drains);
        ByteBuffer[] call = writer.gathered.get(0);
        assertEquals(3, call[0].limit(), "the buffered bytes come first");
        assertEquals(100, call[1].limit());
        assertEquals(103, writer.received.size());
    }

    @Test
    void gatherRepeatsTheSplattedBufferAtMostAbout64KibPerCall() throws IOException {
        RecordingWriter writer = new RecordingWriter(0);
        writer.writeSplat(new ByteBuffer[] {ByteBuffer.wrap(new byte[5]), ByteBuffer.wrap(new byte[1000])}, 200);
        assertEquals(200_005, writer.received.size());
        ByteBuffer[] first = writer.gathered.get(0);
        assertEquals(1 + 1 + 65, first.length, "buffered view, the part, then 65 repetitions of 1000 bytes");
        assertTrue(writer.gathered.size() >= 3, "the rest in later calls");
    }

    @Test
    void gatherWithSplatZeroLeavesTheLastBufferOut() throws IOException {
        RecordingWriter writer = new RecordingWriter(0);
        writer.writeSplat(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {9})}, 0);
        assertArrayEquals(new byte[] {1, 2}, writer.received.toByteArray());
        assertEquals(2, writer.gathered.get(0).length);
    }

    @Test
    void aMillionByteSplatTravelsAsRepeatedBlocksInAFewCalls() throws IOException {
        RecordingWriter writer = new RecordingWriter(64);
        writer.splatByte('z', 1_000_000);
        writer.flush();
        assertTrue(writer.drains <= 20, "drains: " + writer.drains);
        byte[] expected = new byte[1_000_000];
        Arrays.fill(expected, (byte) 'z');
        assertArrayEquals(expected, writer.received.toByteArray());
    }

    @Test
    void markWrittenCountsOnlyBytesOfDataAndKeepsTheUnwrittenBufferedOnes() throws IOException {
        List<Long> results = new ArrayList<>();
        long[] accepted = {4, 3};
        Writer writer = new Writer(ByteBuffer.allocate(10)) {
            @Override
            protected long drain(ByteBuffer[] data, int splat) {
                long written = results.size() < accepted.length ? accepted[results.size()]
                        : buffered() + PendingWrite.length(data, splat);
                long result = markWritten(written);
                results.add(result);
                return result;
            }
        };
        writer.write(new byte[6]);
        writer.write(new byte[20]);
        assertEquals(0, results.get(0), "4 of the 6 buffered bytes, none of data");
        assertEquals(1, results.get(1), "the 2 buffered bytes left, then 1 byte of data");
        assertEquals(19, results.get(2), "the rest of data");
    }

    @Test
    void aDrainThatSkipsTheBufferedBytesFailsLoudly() throws IOException {
        Writer writer = new Writer(ByteBuffer.allocate(4)) {
            @Override
            protected long drain(ByteBuffer[] data, int splat) {
                return data[0].remaining();
            }
        };
        writer.write(new byte[3]);
        IllegalStateException broken = assertThrows(IllegalStateException.class, () -> writer.write(new byte[10]));
        assertTrue(broken.getMessage().contains("buffered bytes first"), broken.getMessage());
    }

    @Test
    void aFixedWriterWritesIntoTheCallersArray() throws IOException {
        byte[] into = new byte[8];
        ArrayWriter writer = Writer.fixed(into);
        writer.print("abc");
        writer.splatByte('-', 2);
        writer.flush();
        assertEquals(5, writer.size());
        assertArrayEquals("abc--\0\0\0".getBytes(StandardCharsets.US_ASCII), into);
    }

    @Test
    void aFixedWriterOverflowNamesCapacityAndSizeAndWritesNothingOfTheCall() throws IOException {
        ArrayWriter writer = Writer.fixed(new byte[16]);
        writer.write(new byte[14]);
        StreamTooLongException overflow = assertThrows(StreamTooLongException.class, () -> writer.write(new byte[5]));
        assertEquals(16, overflow.limit());
        assertEquals("the fixed writer's array holds 16 bytes; 14 are written and a write of 5 more does not fit"
                + " (nothing of it was written)", overflow.getMessage());
        assertEquals(14, writer.size());
        assertThrows(StreamTooLongException.class, () -> writer.splatByte(0, 3));
        writer.splatByte(0, 2);
        assertEquals(16, writer.size());
    }

    @Test
    void aGrowingWriterGrowsFromZeroAndKeepsItsBytesAfterClose() throws IOException {
        ArrayWriter writer = Writer.growing(0);
        for (int i = 0; i < 1000; i++) {
            writer.writeByte(i);
        }
        writer.close();
        byte[] bytes = writer.toByteArray();
        assertEquals(1000, bytes.length);
        assertEquals((byte) 999, bytes[999]);
    }

    @Test
    void aDiscardingWriterCountsATerabyteSplatWithoutWritingIt() throws IOException {
        CountingWriter writer = Writer.discarding();
        writer.print("hello");
        writer.splatByte(0, 1_000_000_000_000L);
        assertEquals(1_000_000_000_005L, writer.count());
    }

    @Test
    void aCountingWriterCountsWhatPassesToItsDownstreamAndFlushesIt() throws IOException {
        RecordingWriter downstream = new RecordingWriter(1024);
        CountingWriter counting = Writer.counting(downstream);
        counting.write(new byte[10]);
        counting.splatBytes(new byte[] {1, 2, 3}, 5);
        assertEquals(25, counting.count(), "counted at once: the counting writer has no buffer");
        assertEquals(0, downstream.received.size(), "still in the downstream buffer");
        counting.flush();
        assertEquals(25, downstream.received.size());
        counting.close();
        downstream.writeByte(1);
        downstream.flush();
        assertEquals(26, downstream.received.size(), "closing the counting writer leaves the downstream open");
    }

    @Test
    void printAndPrintfWriteUtf8WithTheRootLocale() throws IOException {
        ArrayWriter writer = Writer.growing();
        writer.print("grüße ");
        writer.printf("%,d %.2f", 1234567, 0.5);
        assertEquals("grüße 1,234,567 0.50", new String(writer.toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void writeAfterCloseThrowsTheWriterIsClosed() throws IOException {
        Writer writer = Writer.growing();
        writer.close();
        writer.close();
        List<Executable> misuses = List.of(
                () -> writer.write(new byte[1]),
                () -> writer.write(ByteBuffer.allocate(1)),
                () -> writer.writeByte(1),
                () -> writer.splatByte(1, 1),
                () -> writer.print("x"),
                writer::flush,
                () -> writer.sendFile(Reader.fixed(new byte[1]), 1),
                () -> Reader.fixed(new byte[1]).stream(writer, 1));
        for (Executable misuse : misuses) {
            IOException closed = assertThrows(IOException.class, misuse);
            assertEquals("the writer is closed", closed.getMessage());
        }
    }

    @Test
    void aCloseWhoseFlushIsCanceledStaysOpenWithItsBytesSoCloseCanFinish() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean[] cancelNext = {true};
        Writer writer = new Writer(ByteBuffer.allocate(16)) {
            @Override
            protected long drain(ByteBuffer[] data, int splat) {
                if (cancelNext[0]) {
                    cancelNext[0] = false;
                    throw new CanceledException();
                }
                byte[] buffered = new byte[bufferedBytes().remaining()];
                bufferedBytes().get(buffered);
                received.writeBytes(buffered);
                return markWritten(buffered.length);
            }
        };
        writer.print("last words");
        assertThrows(CanceledException.class, writer::close);
        writer.print("!");
        writer.close();
        assertEquals("last words!", received.toString(StandardCharsets.UTF_8));
    }

    @Test
    void negativeCountsAreRejected() {
        Writer writer = Writer.discarding();
        assertThrows(IllegalArgumentException.class, () -> writer.splatByte(0, -1));
        assertThrows(IllegalArgumentException.class, () -> writer.writeSplat(new ByteBuffer[] {ByteBuffer.allocate(1)}, -1));
        assertThrows(IllegalArgumentException.class, () -> writer.writeSplat(new ByteBuffer[0], 1));
        assertThrows(IllegalArgumentException.class, () -> writer.sendFile(Reader.fixed(new byte[0]), -1));
        assertThrows(IllegalArgumentException.class, () -> Writer.of(Writer.discarding().asChannel(), -1));
    }

    @Test
    void theOutputStreamViewWritesThroughTheWriterAndClosesIt() throws IOException {
        ArrayWriter writer = Writer.growing();
        try (var out = new java.util.zip.GZIPOutputStream(writer.asOutputStream())) {
            out.write("squeeze me ".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        assertThrows(IOException.class, () -> writer.writeByte(0), "closing the stream closed the writer");
        try (var in = new java.util.zip.GZIPInputStream(Reader.fixed(writer.toByteArray()).asInputStream())) {
            assertEquals("squeeze me ".repeat(100), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theChannelViewWritesAllOfEachBufferAndClosesTheWriter() throws IOException {
        ArrayWriter writer = Writer.growing(4);
        var channel = writer.asChannel();
        ByteBuffer src = ByteBuffer.wrap(new byte[100]);
        assertEquals(100, channel.write(src));
        assertFalse(src.hasRemaining());
        assertTrue(channel.isOpen());
        channel.close();
        assertFalse(channel.isOpen());
        assertEquals(100, writer.size());
    }

    @Test
    void aWriterOverAPlainChannelWritesEverything() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = Writer.of(java.nio.channels.Channels.newChannel(out), 8)) {
            writer.print("0123456789");
            writer.splatBytes("ab".getBytes(StandardCharsets.US_ASCII), 3);
        }
        assertEquals("0123456789ababab", out.toString(StandardCharsets.US_ASCII));
    }
}
