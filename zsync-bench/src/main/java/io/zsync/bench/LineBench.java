package io.zsync.bench;

import io.zsync.coroutine.NeverSuspends;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text through a {@link Reader} and a {@link Writer}, in MB/s (higher is better), in memory so
 * that only the parsing and encoding count:
 *
 * <ul>
 *   <li>lines: {@link Reader#readLine} against {@link Reader#takeDelimiterExclusive} followed
 *       by {@code UTF_8.decode(line).toString()} (the baseline, what a user wrote before), each
 *       over a reader with a heap buffer and one with a direct buffer (as a socket's reader has),
 *       on ASCII lines and on lines with multibyte characters;
 *   <li>print: {@link Writer#print} of a line against {@code write(line.getBytes(UTF_8))} (the
 *       baseline) into a writer of 8 KiB that drains into nothing.
 * </ul>
 *
 * The contenders take turns: three warm-up rounds each, then {@code rounds} measured rounds
 * each (3 unless given); the lowest and highest rate of each are printed. Run: {@code java -cp <core, coroutine and bench classes> io.zsync.bench.LineBench [rounds]}.
 */
public final class LineBench {

    private static final int LINES = 1 << 20;
    private static final int BUFFER = 16 * 1024;
    private static final int MAX_LINE = 8192;
    private static final int WARM_UP_ROUNDS = 3;

    private LineBench() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Contender> contenders = new ArrayList<>();
        for (String kind : List.of("ascii", "multibyte")) {
            byte[] text = text(kind.equals("multibyte"));
            for (boolean direct : new boolean[] {false, true}) {
                String buffer = direct ? "direct" : "heap";
                contenders.add(new Contender("readLine " + kind + " " + buffer, text.length,
                        () -> readLines(reader(text, direct))));
                contenders.add(new Contender("takeDelimiterExclusive+decode " + kind + " " + buffer, text.length,
                        () -> takeAndDecode(reader(text, direct))));
            }
        }
        String line = "GET /index.html HTTP/1.1 café 😀 and some more plain text\r\n";
        long printed = (long) line.getBytes(StandardCharsets.UTF_8).length * LINES;
        contenders.add(new Contender("print", printed, () -> print(line, true)));
        contenders.add(new Contender("write(getBytes)", printed, () -> print(line, false)));
        for (int warmUp = 0; warmUp < WARM_UP_ROUNDS; warmUp++) {
            for (Contender c : contenders) {
                c.round(false);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (Contender c : contenders) {
                c.round(true);
            }
        }
        for (Contender c : contenders) {
            System.out.printf(Locale.ROOT, "%-45s %6.0f - %6.0f MB/s%n", c.name, c.low, c.high);
        }
    }

    /** A contender's round, on the bench's own thread: never in a task. */
    @FunctionalInterface
    private interface Run {
        @NeverSuspends
        long run() throws IOException;
    }

    /** One way of doing the work: its rounds alternate with the others', and it keeps its lowest and highest rate. */
    private static final class Contender {
        final String name;
        final long bytes;
        final Run run;
        long check = -1;
        double low = Double.MAX_VALUE;
        double high;

        Contender(String name, long bytes, Run run) {
            this.name = name;
            this.bytes = bytes;
            this.run = run;
        }

        void round(boolean measured) throws IOException {
            long begin = System.nanoTime();
            long result = run.run();
            double seconds = (System.nanoTime() - begin) / 1e9;
            if (check >= 0 && result != check) {
                throw new AssertionError(name + " gave " + result + ", not " + check);
            }
            check = result;
            if (measured) {
                double rate = bytes / 1e6 / seconds;
                low = Math.min(low, rate);
                high = Math.max(high, rate);
            }
        }
    }

    private static long readLines(Reader in) throws IOException {
        long chars = 0;
        for (String line; (line = in.readLine(StandardCharsets.UTF_8)) != null; ) {
            chars += line.length();
        }
        return chars;
    }

    private static long takeAndDecode(Reader in) throws IOException {
        long chars = 0;
        for (ByteBuffer line; (line = in.takeDelimiterExclusive('\n', MAX_LINE)) != null; ) {
            chars += StandardCharsets.UTF_8.decode(line).toString().length();
        }
        return chars;
    }

    private static long print(String line, boolean encodeInPlace) throws IOException {
        CountingSink sink = new CountingSink();
        Writer out = Writer.of(sink, 8192);
        for (int i = 0; i < LINES; i++) {
            if (encodeInPlace) {
                out.print(line);
            } else {
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        out.flush();
        return sink.count;
    }

    /** {@code LINES} lines of 20 to 80 characters, ending in {@code \n}. */
    private static byte[] text(boolean multibyte) {
        StringBuilder text = new StringBuilder();
        String word = multibyte ? "café€😀 " : "plain ";
        for (int i = 0; i < LINES; i++) {
            int length = 20 + (i * 7919) % 60;
            int start = text.length();
            while (text.length() - start < length) {
                text.append(word);
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A reader of {@code text} whose buffer is a heap or a direct one, read in pieces of up to its size. */
    private static Reader reader(byte[] text, boolean direct) {
        if (!direct) {
            return Reader.of(new ChunkSource(text), BUFFER);
        }
        ChunkSource source = new ChunkSource(text);
        return new Reader(ByteBuffer.allocateDirect(BUFFER)) {
            @Override
            protected long readHook(ByteBuffer[] dsts) {
                long read = 0;
                for (ByteBuffer dst : dsts) {
                    int n = source.read(dst);
                    if (n < 0) {
                        return read == 0 ? -1 : read;
                    }
                    read += n;
                }
                return read;
            }
        };
    }

    /** In-memory bytes as a channel. */
    private static final class ChunkSource implements ReadableByteChannel {
        private final ByteBuffer left;

        ChunkSource(byte[] text) {
            left = ByteBuffer.wrap(text);
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!left.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), left.remaining());
            dst.put(dst.position(), left, left.position(), n);
            dst.position(dst.position() + n);
            left.position(left.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    /** A channel that takes every byte and counts it. */
    private static final class CountingSink implements WritableByteChannel {
        long count;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            count += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
