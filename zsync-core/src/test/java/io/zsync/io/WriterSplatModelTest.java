package io.zsync.io;

import static io.zsync.io.TestChannels.forEachCase;
import static io.zsync.io.TestChannels.randomBytes;
import static io.zsync.io.TestChannels.randomCapacity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.io.TestChannels.TrickleSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the writer's buffering, splats and drain against a reference model: the
 * bytes that reach the sink must be exactly the bytes written, in order, whatever the buffer
 * size and however few bytes the sink takes per call.
 */
class WriterSplatModelTest {

    @Test
    void bytesReachingATrickleSinkEqualTheModelOn1200RandomCases() {
        forEachCase("trickle sink model", 1200, 0x5EED_0001L, random -> {
            TrickleSink sink = new TrickleSink(random, 1 + random.nextInt(24), 0);
            int capacity = randomCapacity(random);
            Writer channelWriter = Writer.of(random.nextBoolean() ? sink : sink.plain(), capacity);
            boolean counted = random.nextInt(4) == 0;
            Writer writer = counted ? Writer.counting(channelWriter) : channelWriter;
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int operations = random.nextInt(40);
            for (int i = 0; i < operations; i++) {
                if (random.nextInt(8) == 0) {
                    writer.flush();
                    assertArrayEquals(expected.toByteArray(), sink.bytes(), "after a flush the sink has every byte");
                } else {
                    randomWrite(random, writer, expected);
                }
            }
            writer.close();
            assertArrayEquals(expected.toByteArray(), sink.bytes());
            if (counted) {
                assertEquals(expected.size(), ((CountingWriter) writer).count());
            }
        });
    }

    @Test
    void aGrowingWriterHoldsExactlyTheModelsBytesOn300RandomCases() {
        forEachCase("growing writer model", 300, 0x5EED_0002L, random -> {
            ArrayWriter writer = Writer.growing(random.nextInt(3) == 0 ? 0 : random.nextInt(64));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int operations = random.nextInt(30);
            for (int i = 0; i < operations; i++) {
                randomWrite(random, writer, expected);
            }
            writer.close();
            assertArrayEquals(expected.toByteArray(), writer.toByteArray());
            assertEquals(expected.size(), writer.size());
        });
    }

    @Test
    void aSinkCanceledMidwayLosesAndRepeatsNothingWhenTheCallerRetriesOn500RandomCases() {
        long[] totalCancellations = {0};
        forEachCase("canceled sink", 500, 0x5EED_0003L, random -> {
            TrickleSink sink = new TrickleSink(random, 1 + random.nextInt(24), 0.2);
            Writer writer = Writer.of(random.nextBoolean() ? sink : sink.plain(), randomCapacity(random));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int cancellations = 0;
            int operations = 1 + random.nextInt(30);
            for (int i = 0; i < operations; i++) {
                int kind = random.nextInt(3);
                byte[] bytes = randomBytes(random, random.nextInt(200));
                ByteBuffer src = ByteBuffer.wrap(bytes);
                boolean done = false;
                while (!done) {
                    try {
                        switch (kind) {
                            // A canceled write(ByteBuffer) reports its progress through the position.
                            case 0 -> writer.write(src);
                            case 1 -> writer.writeByte(bytes.length);
                            default -> writer.flush();
                        }
                        done = true;
                    } catch (CanceledException canceled) {
                        cancellations++;
                    }
                }
                switch (kind) {
                    case 0 -> expected.write(bytes);
                    case 1 -> expected.write(bytes.length);
                    default -> assertArrayEquals(expected.toByteArray(), sink.bytes(), "after a flush");
                }
            }
            while (true) {
                try {
                    writer.close();
                    break;
                } catch (CanceledException canceled) {
                    cancellations++;
                }
            }
            assertArrayEquals(expected.toByteArray(), sink.bytes(),
                    "the sink received exactly the bytes sent, after " + cancellations + " cancellations");
            totalCancellations[0] += cancellations;
        });
        assertTrue(totalCancellations[0] > 500, "the sink canceled " + totalCancellations[0] + " times");
    }

    /** One random write to {@code writer}, and the same bytes appended to {@code expected}. */
    private static void randomWrite(SplittableRandom random, Writer writer, ByteArrayOutputStream expected)
            throws IOException {
        switch (random.nextInt(7)) {
            case 0 -> {
                byte[] bytes = randomBytes(random, random.nextInt(300));
                int off = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                int len = random.nextInt(bytes.length - off + 1);
                writer.write(bytes, off, len);
                expected.write(bytes, off, len);
            }
            case 1 -> {
                byte[] bytes = randomBytes(random, random.nextInt(300));
                ByteBuffer src = random.nextBoolean() ? ByteBuffer.allocateDirect(bytes.length + 3)
                        : ByteBuffer.allocate(bytes.length + 3);
                src.position(3).mark();
                src.put(bytes).reset();
                writer.write(src);
                assertEquals(src.limit(), src.position(), "write(ByteBuffer) consumes the buffer");
                expected.write(bytes);
            }
            case 2 -> {
                int b = random.nextInt(256);
                writer.writeByte(b);
                expected.write(b);
            }
            case 3 -> {
                int b = random.nextInt(256);
                long n = randomCount(random, 20_000);
                writer.splatByte(b, n);
                for (long k = 0; k < n; k++) {
                    expected.write(b);
                }
            }
            case 4 -> {
                boolean longPattern = random.nextInt(8) == 0;
                byte[] pattern = randomBytes(random, longPattern ? random.nextInt(5000) : random.nextInt(9));
                long n = randomCount(random, longPattern ? 3 : 400);
                writer.splatBytes(pattern, n);
                for (long k = 0; k < n; k++) {
                    expected.write(pattern);
                }
            }
            case 5 -> {
                ByteBuffer[] data = new ByteBuffer[1 + random.nextInt(5)];
                for (int i = 0; i < data.length; i++) {
                    data[i] = ByteBuffer.wrap(randomBytes(random, random.nextInt(4) == 0 ? 0 : random.nextInt(120)));
                }
                long splat = randomCount(random, 60);
                writer.writeSplat(data, splat);
                for (int i = 0; i < data.length - 1; i++) {
                    assertEquals(0, data[i].position(), "writeSplat leaves positions alone");
                    expected.write(data[i].array());
                }
                for (long k = 0; k < splat; k++) {
                    expected.write(data[data.length - 1].array());
                }
            }
            default -> {
                String text = random.nextBoolean() ? "line " + random.nextInt() + "\n" : "héllo wörld ✓ 𝄞 " + random.nextLong();
                writer.print(text);
                expected.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** 0, 1, or N: the three splat shapes the hook must handle. */
    private static long randomCount(SplittableRandom random, int max) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1;
            default -> 2 + random.nextInt(max);
        };
    }
}
