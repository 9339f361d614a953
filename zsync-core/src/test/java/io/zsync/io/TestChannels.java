package io.zsync.io;

import io.zsync.CanceledException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Channel doubles that move a few bytes per call, for exercising partial writes and reads. */
final class TestChannels {

    private TestChannels() {
    }

    /** A channel that is always open; closing it does nothing. */
    interface AlwaysOpen extends Channel {
        @Override
        default boolean isOpen() {
            return true;
        }

        @Override
        default void close() {
        }
    }

    /** A plain (not gathering) sink, writable as a lambda. */
    interface PlainSink extends WritableByteChannel, AlwaysOpen {
    }

    /** A plain (not scattering) source, writable as a lambda. */
    interface PlainSource extends ReadableByteChannel, AlwaysOpen {
    }

    /** A gathering sink whose every write, whatever the overload, goes to {@link #gather}. */
    abstract static class Sink implements GatheringByteChannel, AlwaysOpen {
        abstract long gather(ByteBuffer[] srcs);

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            return gather(Arrays.copyOfRange(srcs, offset, offset + length));
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return gather(srcs);
        }

        @Override
        public int write(ByteBuffer src) {
            return (int) gather(new ByteBuffer[] {src});
        }

        /** The same sink seen as a plain channel, so writers cannot gather. */
        PlainSink plain() {
            return this::write;
        }
    }

    /** A scattering source whose every read, whatever the overload, goes to {@link #scatter}. */
    abstract static class Source implements ScatteringByteChannel, AlwaysOpen {
        abstract long scatter(ByteBuffer[] dsts);

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            return scatter(Arrays.copyOfRange(dsts, offset, offset + length));
        }

        @Override
        public long read(ByteBuffer[] dsts) {
            return scatter(dsts);
        }

        @Override
        public int read(ByteBuffer dst) {
            return (int) scatter(new ByteBuffer[] {dst});
        }

        /** The same source seen as a plain channel, so readers cannot scatter. */
        PlainSource plain() {
            return this::read;
        }
    }

    /**
     * A sink that accepts from 0 to {@code maxPerCall} bytes per call (0 included, as a
     * non-blocking channel may), and that can be told to throw {@link CanceledException} on a
     * share of its calls, before accepting anything, as a canceled wait would.
     */
    static final class TrickleSink extends Sink {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final SplittableRandom random;
        private final int maxPerCall;
        private final double cancelChance;

        TrickleSink(SplittableRandom random, int maxPerCall, double cancelChance) {
            this.random = random;
            this.maxPerCall = maxPerCall;
            this.cancelChance = cancelChance;
        }

        @Override
        long gather(ByteBuffer[] srcs) {
            if (cancelChance > 0 && random.nextDouble() < cancelChance) {
                throw new CanceledException("canceled by the test sink");
            }
            long budget = random.nextInt(maxPerCall + 1);
            long accepted = 0;
            for (ByteBuffer src : srcs) {
                int step = (int) Math.min(budget - accepted, src.remaining());
                for (int k = 0; k < step; k++) {
                    received.write(src.get());
                }
                accepted += step;
            }
            return accepted;
        }

        byte[] bytes() {
            return received.toByteArray();
        }
    }

    /**
     * A source that hands out {@code data} in chunks of 0 to {@code maxPerCall} bytes, scattering
     * across buffers, and that can throw {@link CanceledException} on a share of its calls before
     * reading anything.
     */
    static final class ChunkedSource extends Source {
        private final byte[] data;
        private final SplittableRandom random;
        private final int maxPerCall;
        private final double cancelChance;
        private int position;

        ChunkedSource(byte[] data, SplittableRandom random, int maxPerCall, double cancelChance) {
            this.data = data;
            this.random = random;
            this.maxPerCall = maxPerCall;
            this.cancelChance = cancelChance;
        }

        @Override
        long scatter(ByteBuffer[] dsts) {
            if (cancelChance > 0 && random.nextDouble() < cancelChance) {
                throw new CanceledException("canceled by the test source");
            }
            if (position == data.length) {
                return -1;
            }
            long budget = random.nextInt(maxPerCall + 1);
            long read = 0;
            for (ByteBuffer dst : dsts) {
                int step = (int) Math.min(Math.min(budget - read, dst.remaining()), data.length - position);
                dst.put(data, position, step);
                position += step;
                read += step;
            }
            return read;
        }
    }

    /** Runs {@code body} once per case with its own seeded random; a failure names the seed. */
    static void forEachCase(String name, int cases, long baseSeed, CaseBody body) {
        long base = Long.getLong("zsync.test.seed", baseSeed);
        for (int i = 0; i < cases; i++) {
            long seed = base + i;
            try {
                body.run(new SplittableRandom(seed));
            } catch (Throwable failure) {
                throw new AssertionError(name + " failed for case seed " + seed
                        + " (rerun with -Dzsync.test.seed=" + seed + "): " + failure, failure);
            }
        }
    }

    interface CaseBody {
        void run(SplittableRandom random) throws Exception;
    }

    static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A buffer capacity for a random case: 0 (unbuffered), tiny, usual, or anything small. */
    static int randomCapacity(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 1 + random.nextInt(4);
            case 2 -> 4096;
            default -> random.nextInt(100);
        };
    }
}
