package io.zsync.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Writer#sendFile} and {@link Reader#stream} from file readers: the zero-copy hook when the
 * writer has one (proved by a fallback count that stays 0), the read/write loop when it has not,
 * and never a lost byte of what the file reader had buffered.
 */
class SendFileTest {

    private static final int SIZE = 300_000;

    @TempDir
    Path dir;
    private byte[] content;
    private FileChannel in;

    @BeforeEach
    void writeTheSourceFile() throws IOException {
        content = TestChannels.randomBytes(new SplittableRandom(42), SIZE);
        Path source = Files.write(dir.resolve("source"), content);
        in = FileChannel.open(source);
    }

    @AfterEach
    void closeTheSourceFile() throws IOException {
        in.close();
    }

    @Test
    void aChannelWriterSendsTheFileZeroCopyAfterTheBytesTheReaderHadBuffered() throws IOException {
        Reader reader = Reader.ofFile(in, 0, 4096);
        byte[] head = new byte[3];
        reader.readFully(head);
        assertEquals(4093, reader.buffered(), "the reader holds bytes sendFile must not lose");
        Path target = dir.resolve("target");
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Writer writer = Writer.of(out, 1024);
            writer.print("header ");
            assertEquals(SIZE - 3, writer.sendFile(reader, Long.MAX_VALUE));
            writer.close();
            assertEquals(0, writer.sendFileFallbacks(), "the zero-copy path was taken");
        }
        assertArrayEquals(concat("header ".getBytes(), Arrays.copyOfRange(content, 3, SIZE)), Files.readAllBytes(target));
        assertEquals(-1, reader.read(new byte[1]), "the reader advanced to the end");
    }

    @Test
    void aWriterWithoutTheHookFallsBackCountsItAndStillSendsEveryByte() throws IOException {
        Reader reader = Reader.ofFile(in, 0, 512);
        reader.peek(100);
        ArrayWriter writer = Writer.growing();
        assertEquals(SIZE, writer.sendFile(reader, Long.MAX_VALUE));
        assertEquals(1, writer.sendFileFallbacks());
        assertArrayEquals(content, writer.toByteArray());
    }

    @Test
    void sendFileStopsAtItsLimitAndTheReaderGoesOnFromThere() throws IOException {
        Reader reader = Reader.ofFile(in, 1000, 64);
        reader.fill(10);
        ArrayWriter unhooked = Writer.growing();
        CountingWriter hooked = Writer.counting(Writer.of(Writer.discarding().asChannel(), 0));
        assertEquals(5, unhooked.sendFile(reader, 5), "from the buffered bytes alone");
        assertEquals(50_000, hooked.sendFile(reader, 50_000));
        assertEquals(0, hooked.sendFileFallbacks(), "the counting writer passes the hook on");
        assertEquals(50_000, hooked.count());
        assertArrayEquals(Arrays.copyOfRange(content, 51_005, 51_015), readAll(Reader.limited(reader, 10)));
        assertEquals(0, unhooked.sendFileFallbacks(), "the limit was met before any fallback");
        assertArrayEquals(Arrays.copyOfRange(content, 1000, 1005), unhooked.toByteArray());
    }

    @Test
    void streamingALimitedFileReaderIsZeroCopyAndTakesExactlyTheRange() throws IOException {
        Reader file = Reader.ofFile(in, 0, 256);
        file.discard(10_000);
        Reader range = Reader.limited(file, 100_000);
        range.peek(7);
        Path target = dir.resolve("range");
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Writer writer = Writer.of(out, 0);
            assertEquals(100_000, range.stream(writer, Long.MAX_VALUE));
            assertEquals(0, writer.sendFileFallbacks());
            writer.close();
        }
        assertArrayEquals(Arrays.copyOfRange(content, 10_000, 110_000), Files.readAllBytes(target));
        assertEquals(content[110_000], (byte) file.takeByte(), "the file reader goes on after the range");
    }

    @Test
    void aReaderThatIsNotAFileReaderFallsBack() throws IOException {
        Writer writer = Writer.of(Writer.discarding().asChannel(), 16);
        assertEquals(SIZE, writer.sendFile(Reader.fixed(content), Long.MAX_VALUE));
        assertEquals(1, writer.sendFileFallbacks());
    }

    @Test
    void aDiscardingWriterSkipsTheFileWithoutReadingIt() throws IOException {
        CountingWriter writer = Writer.discarding();
        Reader reader = Reader.ofFile(in, 0, 16);
        assertEquals(SIZE, reader.stream(writer, Long.MAX_VALUE));
        assertEquals(SIZE, writer.count());
        assertEquals(0, writer.sendFileFallbacks());
        assertEquals(0, writer.sendFile(reader, 10), "nothing left at the end of the file");
    }

    private static byte[] readAll(Reader reader) throws IOException {
        ArrayWriter all = Writer.growing();
        reader.stream(all, Long.MAX_VALUE);
        return all.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

}
