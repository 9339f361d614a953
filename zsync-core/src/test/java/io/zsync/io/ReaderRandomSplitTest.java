package io.zsync.io;

import static io.zsync.io.TestChannels.forEachCase;
import static io.zsync.io.TestChannels.randomCapacity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.io.TestChannels.ChunkedSource;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the reader: whatever the buffer size and however the source splits its
 * bytes, every read API hands out exactly the original bytes, in order, and says end of stream
 * exactly where the bytes end.
 */
class ReaderRandomSplitTest {

    @Test
    void everyReadApiReturnsTheOriginalBytesFromASourceOfRandomChunksOn1500RandomCases() {
        forEachCase("random split reader", 1500, 0x5EED_1001L, random -> {
            byte[] data = randomText(random, random.nextInt(3000));
            ChunkedSource source = new ChunkedSource(data, random, 1 + random.nextInt(40), 0);
            int capacity = randomCapacity(random);
            Reader reader = switch (random.nextInt(4)) {
                case 0 -> Reader.fixed(data);
                case 1 -> Reader.of(source.plain(), capacity);
                default -> Reader.of(source, capacity);
            };
            Model model = new Model(data);
            while (!model.atEnd() || random.nextInt(3) != 0) {
                randomRead(random, reader, model);
            }
            assertEquals(-1, reader.read(new byte[1]));
            assertThrows(EOFException.class, reader::takeByte);
        });
    }

    @Test
    void aLimitedReaderEndsAtItsLimitAndLeavesTheRestInItsSourceOn500RandomCases() {
        forEachCase("limited reader", 500, 0x5EED_1002L, random -> {
            byte[] data = randomText(random, random.nextInt(2000));
            Reader source = Reader.of(new ChunkedSource(data, random, 1 + random.nextInt(40), 0), randomCapacity(random));
            int skipped = random.nextInt(data.length + 1);
            source.readFully(new byte[skipped]);
            int limit = random.nextInt(data.length - skipped + 10);
            Reader limited = Reader.limited(source, limit);
            Model model = new Model(Arrays.copyOfRange(data, skipped, Math.min(data.length, skipped + limit)));
            while (!model.atEnd() || random.nextInt(3) != 0) {
                randomRead(random, limited, model);
            }
            int rest = Math.max(0, data.length - skipped - limit);
            byte[] afterLimit = new byte[rest];
            source.readFully(afterLimit);
            assertArrayEquals(Arrays.copyOfRange(data, data.length - rest, data.length), afterLimit,
                    "the bytes after the limit stay in the source");
            assertEquals(-1, source.read(new byte[1]));
        });
    }

    @Test
    void aSourceCanceledMidwayLosesNothingWhenTheCallerRetriesOn500RandomCases() {
        long[] totalCancellations = {0};
        forEachCase("canceled source", 500, 0x5EED_1003L, random -> {
            byte[] data = randomText(random, random.nextInt(2000));
            ChunkedSource source = new ChunkedSource(data, random, 1 + random.nextInt(40), 0.25);
            Reader reader = Reader.of(random.nextBoolean() ? source : source.plain(), randomCapacity(random));
            Model model = new Model(data);
            while (!model.atEnd()) {
                int n = random.nextInt(100);
                try {
                    switch (random.nextInt(3)) {
                        case 0 -> {
                            ByteBuffer dst = ByteBuffer.allocate(Math.min(n, model.remaining()));
                            // A canceled readFully reports its progress through the position.
                            while (true) {
                                try {
                                    reader.readFully(dst);
                                    break;
                                } catch (CanceledException canceled) {
                                    model.cancellations++;
                                }
                            }
                            model.expectTaken(dst.array());
                        }
                        case 1 -> {
                            ByteBuffer line = reader.takeDelimiterExclusive('\n', 50);
                            model.expectLineExclusive(line, 50);
                        }
                        default -> {
                            ByteBuffer taken = reader.take(Math.min(n, model.remaining()));
                            model.expectTaken(bytes(taken));
                        }
                    }
                } catch (CanceledException canceled) {
                    model.cancellations++;
                } catch (StreamTooLongException tooLong) {
                    model.expectTooLong(reader.take(50));
                }
            }
            while (true) {
                try {
                    assertEquals(-1, reader.read(new byte[1]));
                    break;
                } catch (CanceledException canceled) {
                    model.cancellations++;
                }
            }
            totalCancellations[0] += model.cancellations;
        });
        assertTrue(totalCancellations[0] > 500, "the source canceled " + totalCancellations[0] + " times");
    }

    /** One random read; checks its outcome against the model and advances the model. */
    private static void randomRead(SplittableRandom random, Reader reader, Model model) throws IOException {
        int n = random.nextInt(random.nextInt(10) == 0 ? 5000 : 40);
        switch (random.nextInt(14)) {
            case 0 -> {
                if (n > model.remaining()) {
                    assertThrows(EOFException.class, () -> reader.peek(n));
                } else {
                    assertArrayEquals(model.next(n), bytes(reader.peek(n)), "peek");
                }
            }
            case 1 -> {
                if (n > model.remaining()) {
                    assertThrows(EOFException.class, () -> reader.take(n));
                } else {
                    model.expectTaken(bytes(reader.take(n)));
                }
            }
            case 2 -> {
                if (model.atEnd()) {
                    assertThrows(EOFException.class, reader::takeByte);
                } else {
                    model.expectTaken(new byte[] {(byte) reader.takeByte()});
                }
            }
            case 3 -> {
                byte[] b = new byte[n + 2];
                int read = reader.read(b, 1, n);
                model.expectSome(read, n, Arrays.copyOfRange(b, 1, 1 + Math.max(read, 0)));
            }
            case 4 -> {
                ByteBuffer dst = random.nextBoolean() ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
                int read = reader.read(dst);
                model.expectSome(read, n, bytes(dst.flip()));
            }
            case 5 -> {
                ByteBuffer[] dsts = new ByteBuffer[1 + random.nextInt(4)];
                int room = 0;
                for (int i = 0; i < dsts.length; i++) {
                    dsts[i] = ByteBuffer.allocate(random.nextInt(4) == 0 ? 0 : random.nextInt(n + 1));
                    room += dsts[i].capacity();
                }
                long read = reader.readVec(dsts);
                ByteBuffer all = ByteBuffer.allocate(room);
                for (ByteBuffer dst : dsts) {
                    all.put(dst.flip());
                }
                model.expectSome(read, room, bytes(all.flip()));
            }
            case 6 -> {
                byte[] b = new byte[n];
                if (n > model.remaining()) {
                    assertThrows(EOFException.class, () -> reader.readFully(b));
                    model.expectTaken(Arrays.copyOf(b, model.remaining()));
                } else {
                    reader.readFully(b);
                    model.expectTaken(b);
                }
            }
            case 7 -> {
                int limit = random.nextInt(60);
                try {
                    model.expectLineExclusive(reader.takeDelimiterExclusive('\n', limit), limit);
                } catch (StreamTooLongException tooLong) {
                    assertEquals(limit, tooLong.limit());
                    assertTrue(tooLong.getMessage().contains("limit of " + limit + " bytes"), tooLong.getMessage());
                    model.expectTooLong(reader.take(limit + 1));
                }
            }
            case 8 -> {
                int limit = random.nextInt(60);
                try {
                    model.expectLineInclusive(reader.takeDelimiterInclusive('\n', limit), limit);
                } catch (StreamTooLongException tooLong) {
                    assertEquals(limit, tooLong.limit());
                    model.expectTooLong(reader.take(limit));
                } catch (EOFException end) {
                    model.expectNoDelimiterBeforeEnd(reader.take(reader.buffered()), limit);
                }
            }
            case 9 -> assertEquals(model.skip(n), reader.discard(n), "discard");
            case 10 -> {
                ArrayWriter out = Writer.growing(random.nextInt(50));
                long sent = reader.stream(out, n);
                assertEquals(Math.min(n, model.remaining()), sent, "stream");
                model.expectTaken(out.toByteArray());
            }
            case 11 -> {
                int b = reader.asInputStream().read();
                if (model.atEnd()) {
                    assertEquals(-1, b);
                } else {
                    model.expectTaken(new byte[] {(byte) b});
                }
            }
            case 12 -> {
                int wanted = Math.min(n, model.remaining());
                reader.fill(wanted);
                assertTrue(reader.buffered() >= wanted, "fill buffers at least what it is asked");
            }
            default -> {
                int buffered = reader.buffered();
                assertTrue(buffered <= model.remaining(), "never more buffered than there is");
                assertArrayEquals(model.next(buffered), bytes(reader.peek(buffered)), "peek of what is buffered");
            }
        }
    }

    /** The bytes the reader must hand out, and how far it got. */
    private static final class Model {
        final byte[] data;
        int position;
        int cancellations;

        Model(byte[] data) {
            this.data = data;
        }

        boolean atEnd() {
            return position == data.length;
        }

        int remaining() {
            return data.length - position;
        }

        byte[] next(int n) {
            return Arrays.copyOfRange(data, position, position + n);
        }

        void expectTaken(byte[] taken) {
            assertArrayEquals(next(taken.length), taken, "bytes at offset " + position);
            position += taken.length;
        }

        void expectSome(long read, int room, byte[] got) {
            if (room == 0) {
                assertEquals(0, read, "a read with no room reads nothing");
            } else if (atEnd()) {
                assertEquals(-1, read, "end of stream");
            } else {
                assertTrue(read > 0 && read <= room, "read " + read + " of " + room);
                expectTaken(Arrays.copyOf(got, (int) read));
            }
        }

        long skip(long n) {
            long skipped = Math.min(n, remaining());
            position += (int) skipped;
            return skipped;
        }

        int indexOfNewline() {
            for (int i = position; i < data.length; i++) {
                if (data[i] == '\n') {
                    return i - position;
                }
            }
            return -1;
        }

        void expectLineExclusive(ByteBuffer line, int limit) {
            int index = indexOfNewline();
            int length = index < 0 ? remaining() : index;
            if (atEnd()) {
                assertNull(line, "null at end of stream");
                return;
            }
            assertTrue(length <= limit, "a line of " + length + " within the limit of " + limit);
            expectTaken(bytes(line));
            assertEquals(length, line.limit());
            if (index >= 0) {
                position++;
            }
        }

        void expectLineInclusive(ByteBuffer line, int limit) {
            int index = indexOfNewline();
            assertTrue(index >= 0 && index < limit, "a delimiter within the limit");
            expectTaken(bytes(line));
            assertEquals(index + 1, line.limit());
        }

        /** After a too-long error the caller took the bytes the error kept: no delimiter among them. */
        void expectTooLong(ByteBuffer kept) {
            byte[] bytes = bytes(kept);
            for (byte b : bytes) {
                assertTrue(b != '\n', "a delimiter within the limit, yet too long");
            }
            expectTaken(bytes);
        }

        void expectNoDelimiterBeforeEnd(ByteBuffer rest, int limit) {
            assertEquals(-1, indexOfNewline(), "EOFException only without a delimiter");
            assertTrue(remaining() < limit || limit == 0, "EOF, not too long");
            expectTaken(bytes(rest));
        }
    }

    private static byte[] bytes(ByteBuffer view) {
        byte[] bytes = new byte[view.remaining()];
        view.duplicate().get(bytes);
        return bytes;
    }

    /** Bytes with a newline now and then, so lines are of all lengths. */
    private static byte[] randomText(SplittableRandom random, int length) {
        byte[] bytes = TestChannels.randomBytes(random, length);
        int lineChance = 1 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n' || random.nextInt(lineChance) == 0) {
                bytes[i] = random.nextInt(lineChance) == 0 ? (byte) 'x' : (byte) '\n';
            }
        }
        return bytes;
    }

}
