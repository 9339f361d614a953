package io.zsync.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A request a peer can size (a length prefix) grows the buffer only up to the reader's maximum. */
class ReaderMaxBufferTest {

    private static Reader readerOf(String text) {
        return Reader.of(Channels.newChannel(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))), 16);
    }

    @Test
    void aRequestPastTheDefaultMaximumThrowsAndLosesNothing() throws Exception {
        Reader reader = readerOf("hello");
        assertEquals(Reader.DEFAULT_MAX_BUFFER_SIZE, reader.maxBufferSize());
        reader.fill(2);
        var e = assertThrows(StreamTooLongException.class, () -> reader.take(Integer.MAX_VALUE - 8));
        assertEquals(Reader.DEFAULT_MAX_BUFFER_SIZE, e.limit());
        assertTrue(e.getMessage().contains("maxBufferSize"), e.getMessage());
        assertThrows(StreamTooLongException.class, () -> reader.peek(Reader.DEFAULT_MAX_BUFFER_SIZE + 1));
        assertThrows(StreamTooLongException.class, () -> reader.fill(Reader.DEFAULT_MAX_BUFFER_SIZE + 1));
        assertEquals("hello", StandardCharsets.US_ASCII.decode(reader.take(5)).toString(), "nothing was consumed");
    }

    @Test
    void theMaximumCanBeLoweredAndRaised() throws Exception {
        Reader reader = readerOf("0123456789abcdefghijklmnopqrstuvwxyz\n").maxBufferSize(20);
        assertThrows(StreamTooLongException.class, () -> reader.take(21));
        assertThrows(StreamTooLongException.class, () -> reader.takeDelimiterExclusive('\n', 1000));
        assertEquals("0123456789", StandardCharsets.US_ASCII.decode(reader.take(10)).toString());
        reader.maxBufferSize(64);
        assertEquals("abcdefghijklmnopqrstuvwxyz", StandardCharsets.US_ASCII.decode(reader.takeDelimiterExclusive('\n', 1000)).toString());
    }

    @Test
    void aMaximumBelowOneIsRefusedAndBigReadsIntoTheCallersMemoryNeedNoRoom() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> readerOf("").maxBufferSize(0));
        assertTrue(e.getMessage().startsWith("max is 0"), e.getMessage());
        Reader reader = readerOf("x".repeat(100)).maxBufferSize(8);
        ByteBuffer all = ByteBuffer.allocate(100);
        reader.readFully(all);
        assertEquals(100, all.position());
    }

    @Test
    void aNullArgumentIsNamed() {
        Reader reader = readerOf("x");
        var e = assertThrows(NullPointerException.class, () -> reader.read((byte[]) null));
        assertTrue(e.getMessage().startsWith("b is null"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> Writer.growing(8).write((ByteBuffer) null));
        assertTrue(e.getMessage().startsWith("src is null"), e.getMessage());
    }
}
