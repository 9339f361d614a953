package io.zsync.bench;

import io.zsync.Io;
import io.zsync.coroutine.NeverSuspends;
import io.zsync.fs.File;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Bytes to a loopback socket, in MiB/s (higher is better), contenders alternated in every round
 * and the median of the rounds reported:
 *
 * <ul>
 *   <li>{@link #sendFile}: a 256 MiB file through zsync's {@link Writer#sendFile} on the
 *       {@code virtual} backend ({@code sendfile}), against {@link FileChannel#transferTo} in a
 *       plain loop ({@code transferto-raw}, the baseline) and reading the file into a heap array
 *       and writing that ({@code heap-copy});
 *   <li>{@link #drain}: writes of 16 small buffers through an unbuffered zsync {@link Writer},
 *       as one gathered drain ({@code drain-gathered}) against one drain per buffer
 *       ({@code drain-per-buffer}, the baseline).
 * </ul>
 *
 * The receiving end is a plain JDK socket on a thread of its own that reads and counts; a
 * contender's time runs until that end has counted every byte. Do one run at a time.
 */
public final class TransferBench {

    /** The number of measured rounds when none is given. */
    public static final int DEFAULT_ROUNDS = 5;

    /** The size of the file sent when none is given: 256 MiB. */
    public static final long DEFAULT_FILE_BYTES = 256L << 20;
    /** The bytes drained per contender and round when none are given: 32 MiB. */
    public static final long DEFAULT_DRAIN_BYTES = 32L << 20;

    static final int DRAIN_BUFFERS = 16;
    static final int DRAIN_BUFFER_BYTES = 64;
    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    private static final String UNIT = "MiB/s";

    private final int rounds;
    private final long fileBytes;
    private final long drainBytes;

    /**
     * A benchmark of {@code rounds} measured rounds (after one warm-up round), sending a file of
     * {@code fileBytes} and draining {@code drainBytes} per contender and round.
     *
     * @throws IllegalArgumentException if {@code rounds} is below 1 or a size is not positive
     */
    public TransferBench(int rounds, long fileBytes, long drainBytes) {
        if (rounds < 1 || fileBytes < 1 || drainBytes < 1) {
            throw new IllegalArgumentException("the transfer bench needs at least 1 round and positive sizes, not "
                    + rounds + " rounds, a file of " + fileBytes + " bytes and " + drainBytes + " bytes to drain");
        }
        this.rounds = rounds;
        this.fileBytes = fileBytes;
        this.drainBytes = drainBytes;
    }

    /** One way of moving {@code bytes} to the sink at {@code sink}. */
    @FunctionalInterface
    private interface Transfer {
        @NeverSuspends // the bench's driver thread runs each transfer
        void run(LoopbackSink sink) throws IOException;
    }

    /**
     * The sendfile comparison. Writes its file to the temporary directory and deletes it.
     *
     * @throws IllegalStateException if zsync's sendFile fell back to copying, or a sink did not
     *         receive every byte
     */
    public BenchReport sendFile(Consumer<String> progress) throws IOException {
        Path file = Files.createTempFile("zsync-bench-sendfile", ".bin");
        try (Io io = Io.open("virtual")) {
            writeRandomFile(file, fileBytes);
            Map<String, Transfer> contenders = new LinkedHashMap<>();
            contenders.put("sendfile", sink -> zsyncSendFile(io, file, sink));
            contenders.put("transferto-raw", sink -> rawTransferTo(file, sink));
            contenders.put("heap-copy", sink -> heapCopy(file, sink));
            return measure("sendfile", "transferto-raw", fileBytes, contenders, progress);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The gathered-drain comparison. */
    public BenchReport drain(Consumer<String> progress) throws IOException {
        Map<String, Transfer> contenders = new LinkedHashMap<>();
        contenders.put("drain-gathered", sink -> drain(sink, true));
        contenders.put("drain-per-buffer", sink -> drain(sink, false));
        return measure("drain", "drain-per-buffer", drainBytes, contenders, progress);
    }

    private BenchReport measure(String bench, String baseline, long bytes, Map<String, Transfer> contenders,
            Consumer<String> progress) throws IOException {
        for (Map.Entry<String, Transfer> c : contenders.entrySet()) {
            mibPerSecond("warm-up", bytes, c, progress);
        }
        Map<String, double[]> samples = new LinkedHashMap<>();
        contenders.keySet().forEach(name -> samples.put(name, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Transfer> c : contenders.entrySet()) {
                samples.get(c.getKey())[round] = mibPerSecond("round " + (round + 1) + "/" + rounds, bytes, c, progress);
            }
        }
        List<Measurement> results = new ArrayList<>();
        samples.forEach((name, values) -> results.add(new Measurement(name, SpawnBench.median(values), UNIT)));
        Map<String, Long> parameters = new LinkedHashMap<>();
        parameters.put("bytes", bytes);
        parameters.put("rounds", (long) rounds);
        return new BenchReport(bench, parameters, baseline, true, results, Map.of());
    }

    private static double mibPerSecond(String label, long bytes, Map.Entry<String, Transfer> contender,
            Consumer<String> progress) throws IOException {
        try (LoopbackSink sink = LoopbackSink.open()) {
            long start = System.nanoTime();
            contender.getValue().run(sink);
            long received = sink.awaitEnd();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (received != bytes) {
                throw new IllegalStateException(contender.getKey() + ": the receiver got " + received + " bytes, not " + bytes);
            }
            double rate = bytes / (1024.0 * 1024.0) / seconds;
            progress.accept(String.format(Locale.ROOT, "%-10s %-16s %9.1f %s", label, contender.getKey(), rate, UNIT));
            return rate;
        }
    }

    private static void zsyncSendFile(Io io, Path file, LoopbackSink sink) throws IOException {
        try (Connection connection = io.net().connect(sink.address()); File source = io.fs().open(file)) {
            Writer out = connection.writer();
            out.sendFile(source.reader(COPY_BUFFER_BYTES), Long.MAX_VALUE);
            out.close();
            if (out.sendFileFallbacks() != 0) {
                throw new IllegalStateException("zsync's sendFile copied through the heap instead of sending the file");
            }
        }
    }

    private static void rawTransferTo(Path file, LoopbackSink sink) throws IOException {
        try (SocketChannel socket = SocketChannel.open(sink.address()); FileChannel source = FileChannel.open(file)) {
            long size = source.size();
            for (long position = 0; position < size; ) {
                position += source.transferTo(position, size - position, socket);
            }
        }
    }

    private static void heapCopy(Path file, LoopbackSink sink) throws IOException {
        try (Socket socket = new Socket(sink.address().getAddress(), sink.address().getPort());
                InputStream in = Files.newInputStream(file);
                OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        }
    }

    private void drain(LoopbackSink sink, boolean gathered) throws IOException {
        ByteBuffer[] buffers = new ByteBuffer[DRAIN_BUFFERS];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.allocateDirect(DRAIN_BUFFER_BYTES);
        }
        long writes = drainBytes / ((long) DRAIN_BUFFERS * DRAIN_BUFFER_BYTES);
        try (SocketChannel socket = SocketChannel.open(sink.address())) {
            // Unbuffered, so that every write is a drain: the comparison is of drains, not of buffering.
            Writer out = Writer.of(socket, 0);
            for (long w = 0; w < writes; w++) {
                for (ByteBuffer b : buffers) {
                    b.clear();
                }
                if (gathered) {
                    out.writeSplat(buffers, 1);
                } else {
                    for (ByteBuffer b : buffers) {
                        out.write(b);
                    }
                }
            }
            out.close();
        }
    }

    private static void writeRandomFile(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(256);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
