package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Batch;
import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Operation;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;

/**
 * {@link Batch} and {@link Io#operate}: several operations in flight at once, at least one
 * completion awaited, completions that raced a cancel kept, timeouts, and nothing left open. Both
 * ends are zsync connections of the {@code Io} under test, so the cases run on every backend,
 * {@code blocking} included: a batch needs no task of its own.
 */
final class BatchCases {

    private static final Duration SHORT = Duration.ofMillis(20);
    private static final int RACE_ROUNDS = 200;

    private BatchCases() {}

    static List<Case> cases() {
        String area = "batch";
        return List.of(
                Case.of(area, "await returns once one operation completed; the others stay in flight", io -> {
                    try (Pair first = Pair.open(io); Pair second = Pair.open(io); Batch batch = io.batch()) {
                        first.far.write(ascii("x"));
                        Operation<Integer> fromFirst = batch.add(first.near.readOp(ByteBuffer.allocate(8)));
                        Operation<Integer> fromSecond = batch.add(second.near.readOp(ByteBuffer.allocate(8)));
                        batch.await();
                        assertSame(fromFirst, batch.next());
                        assertEquals(1, fromFirst.result());
                        assertNull(batch.next());
                        assertEquals(1, batch.inFlight());
                        assertFalse(fromSecond.isDone());
                        second.far.write(ascii("yz"));
                        batch.await();
                        assertSame(fromSecond, batch.next());
                        assertEquals(2, fromSecond.result());
                    }
                }),
                Case.of(area, "an operation re-added after its completion was taken runs again", io -> {
                    try (Pair pair = Pair.open(io); Batch batch = io.batch()) {
                        ByteBuffer into = ByteBuffer.allocate(16);
                        Operation<Integer> read = pair.near.readOp(into);
                        for (int round = 0; round < 3; round++) {
                            pair.far.write(ascii("r" + round));
                            batch.add(read);
                            batch.await();
                            assertSame(read, batch.next());
                            assertEquals(2, read.result());
                        }
                        assertEquals("r0r1r2", text(into));
                    }
                }),
                Case.of(area, "await with a timeout returns false with every operation still in flight, and loses nothing", io -> {
                    try (Pair pair = Pair.open(io); Batch batch = io.batch()) {
                        ByteBuffer into = ByteBuffer.allocate(8);
                        Operation<Integer> read = batch.add(pair.near.readOp(into));
                        assertFalse(batch.await(SHORT));
                        assertEquals(1, batch.inFlight());
                        pair.far.write(ascii("late"));
                        assertTrue(batch.await(Duration.ofSeconds(30)));
                        assertSame(read, batch.next());
                        assertEquals("late", text(into));
                    }
                }),
                Case.of(area, "await with nothing in flight returns at once", io -> {
                    try (Batch batch = io.batch()) {
                        batch.await();
                        assertTrue(batch.await(SHORT));
                        assertNull(batch.next());
                    }
                }),
                Case.of(area, "cancel keeps the completions that raced it, and a canceled read consumed nothing", io -> {
                    SplittableRandom random = new SplittableRandom(11);
                    try (Pair pair = Pair.open(io)) {
                        int sent = 0;
                        int seen = 0;
                        ByteBuffer into = ByteBuffer.allocate(64);
                        for (int round = 0; round < RACE_ROUNDS; round++) {
                            try (Batch batch = io.batch()) {
                                Operation<Integer> read = batch.add(pair.near.readOp(into.clear()));
                                if (random.nextBoolean()) {
                                    batch.await(Duration.ZERO); // started, so that the write below races the cancel
                                }
                                int size = 1 + random.nextInt(8);
                                pair.far.write(ByteBuffer.allocate(size));
                                sent += size;
                                batch.cancel();
                                Operation<?> raced = batch.next();
                                if (raced != null) {
                                    assertSame(read, raced);
                                    seen += read.result();
                                } else {
                                    assertTrue(read.isCanceled());
                                    assertThrows(CanceledException.class, read::result);
                                }
                            }
                        }
                        pair.far.shutdownOutput();
                        for (int n; (n = pair.near.read(into.clear())) > 0; ) {
                            seen += n;
                        }
                        assertEquals(sent, seen, "every byte written was read by a raced completion or after the cancel");
                    }
                }),
                Case.of(area, "close closes a connection that an accept completed and nobody took", io -> {
                    try (Listener listener = io.net().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                        Connection client;
                        try (Batch batch = io.batch()) {
                            batch.add(listener.acceptOp());
                            client = io.net().connect(listener.localAddress());
                            batch.await();
                        }
                        try (client) {
                            assertEquals(-1, readOrEnd(client), "the accepted end was closed by the batch");
                        }
                    }
                }),
                Case.of(area, "operate runs one operation; at its timeout it is canceled and took nothing", io -> {
                    try (Pair pair = Pair.open(io)) {
                        ByteBuffer into = ByteBuffer.allocate(8);
                        Operation<Integer> read = pair.near.readOp(into);
                        assertThrows(TimeoutException.class, () -> io.operate(read, SHORT));
                        assertTrue(read.isCanceled());
                        pair.far.write(ascii("now"));
                        assertEquals(3, io.operate(read));
                        assertEquals("now", text(into));
                        assertEquals(3, io.operate(pair.far.writeOp(ascii("abc")), Duration.ofSeconds(30)));
                        assertEquals(3, pair.near.read(into.clear()));
                    }
                }),
                Case.of(area, "a datagram receive and an accept in one batch: whichever comes is taken", io -> {
                    InetAddress loopback = InetAddress.getLoopbackAddress();
                    try (var receiver = io.net().openUdp(new InetSocketAddress(loopback, 0));
                            var sender = io.net().openUdp(new InetSocketAddress(loopback, 0));
                            Listener listener = io.net().listen(new InetSocketAddress(loopback, 0));
                            Batch batch = io.batch()) {
                        Operation<SocketAddress> datagram = batch.add(receiver.receiveOp(ByteBuffer.allocate(16)));
                        batch.add(listener.acceptOp());
                        sender.send(ascii("ping"), receiver.localAddress());
                        batch.await();
                        assertSame(datagram, batch.next());
                        assertEquals(sender.localAddress(), datagram.result());
                    }
                }),
                Case.concurrent(area, "await is a cancellation point that leaves the operations in flight", io -> {
                    try (Pair pair = Pair.open(io); Batch batch = io.batch()) {
                        ByteBuffer into = ByteBuffer.allocate(8);
                        Operation<Integer> read = batch.add(pair.near.readOp(into));
                        Future<Void, IOException> waiter = io.concurrent(() -> {
                            batch.await();
                        });
                        assertThrows(CanceledException.class, waiter::cancel);
                        pair.far.write(ascii("kept"));
                        batch.await();
                        assertSame(read, batch.next());
                        assertEquals("kept", text(into));
                    }
                }),
                Case.of(area, "misuse: an operation runs once at a time, a closed batch takes none, a result waits for the end", io -> {
                    try (Pair pair = Pair.open(io)) {
                        Operation<Integer> read = pair.near.readOp(ByteBuffer.allocate(8));
                        IllegalStateException early = assertThrows(IllegalStateException.class, read::result);
                        assertTrue(early.getMessage().contains("has not run"), early.getMessage());
                        Batch batch = io.batch();
                        batch.add(read);
                        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> batch.add(read));
                        assertTrue(twice.getMessage().contains("already running"), twice.getMessage());
                        assertThrows(IllegalStateException.class, () -> io.operate(read));
                        batch.close();
                        batch.close();
                        IllegalStateException closed = assertThrows(IllegalStateException.class,
                                () -> batch.add(pair.near.readOp(ByteBuffer.allocate(1))));
                        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
                        assertThrows(NullPointerException.class, () -> batch.add(null));
                        assertThrows(NullPointerException.class, () -> pair.near.readOp(null));
                        assertThrows(NullPointerException.class, () -> io.operate(read, null));
                    }
                }));
    }

    /** Both ends of one loopback connection, made by the {@code Io} under test without a task. */
    record Pair(Connection near, Connection far, Listener listener) implements AutoCloseable {

        static Pair open(Io io) throws IOException {
            Listener listener = io.net().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                Connection far = io.net().connect(listener.localAddress());
                try {
                    return new Pair(listener.accept(), far, listener);
                } catch (IOException | RuntimeException e) {
                    far.abort();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try (listener; far; near) {
                // closes all three, in reverse order
            }
        }
    }

    private static int readOrEnd(Connection connection) throws IOException {
        try {
            return connection.read(ByteBuffer.allocate(1));
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static String text(ByteBuffer buffer) {
        return new String(buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
