package io.zsync.examples.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.junit.LeakCheck;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Commands that do not end cleanly: canceled at seeded points, timed out, or cut off by a server
 * that closes in the middle of a reply or sends a bad one. Each time the connection must be
 * closed, not reused, and the next command must get its own reply.
 */
@ExtendWith(LeakCheck.class)
@Timeout(180)
@SuppressWarnings("try") // a fake server's future is never read: the end of its try block cancels it
class CancellationTest {

    private static final int CANCEL_POINTS = 300;
    private static final int BIG = 1 << 20;
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static RedisServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /**
     * A command (a GET of 1 MiB, or a pipeline) canceled after a seeded number of yields: before
     * it borrowed, while sending, while its reply arrives, or after. Whatever the point, the
     * command either returned its own whole reply or threw {@code CanceledException}, and every
     * check command after it gets its own reply: no connection in the middle of an exchange went
     * back to the pool.
     */
    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void aCommandCanceledAtAnyPointLeavesNoConnectionOutOfStep(String backend) throws Exception {
        String k = "cancel:" + backend + ":";
        byte[] big = new byte[BIG];
        new SplittableRandom(7).nextBytes(big);
        SplittableRandom seeds = new SplittableRandom(12);
        int canceled = 0;
        int completed = 0;
        try (Io io = Io.open(backend); RedisClient redis = RedisClient.create(io, server.config(backend.equals("virtual") ? 2 : 3).withPoolSize(2))) {
            redis.set(k.getBytes(StandardCharsets.UTF_8), big, SetOptions.none());
            for (int point = 0; point < CANCEL_POINTS; point++) {
                int yields = seeds.nextInt(40);
                boolean pipeline = seeds.nextBoolean();
                int check = point;
                try (Future<Boolean, IOException> command = io.concurrent(() -> pipeline
                        ? checkPipeline(redis.pipeline().add("SET", k + "p", "v" + check).add("GET", k).add("GET", k + "p").execute(), big, check)
                        : java.util.Arrays.equals(big, redis.get(k.getBytes(StandardCharsets.UTF_8))))) {
                    for (int i = 0; i < yields; i++) {
                        io.yieldNow();
                    }
                    try {
                        assertTrue(command.cancel(), "point " + point + ": the command came back with another's reply");
                        completed++;
                    } catch (CanceledException expected) {
                        canceled++;
                    }
                }
                assertEquals("PONG", redis.ping(), "point " + point);
                assertEquals(Long.toString(point), redis.command("ECHO", Long.toString(point)).asString(), "point " + point);
            }
            PoolStats stats = redis.poolStats();
            System.out.printf("cancel points on %s: %d canceled, %d completed, %s%n", backend, canceled, completed, stats);
            assertTrue(canceled > 0, "no command was canceled: the test does not test: " + stats);
            assertTrue(stats.dropped() > 0, "no connection was dropped: no cancellation hit a command in flight: " + stats);
            assertEquals(0, stats.inUse(), stats.toString());
            assertEquals(stats.created() - stats.dropped(), stats.idle(), "every connection not dropped is back: " + stats);
            assertArrayEquals(big, redis.get(k.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static boolean checkPipeline(List<Reply> replies, byte[] big, int check) {
        return replies.size() == 3 && replies.get(0).equals(new Reply.SimpleString("OK"))
                && java.util.Arrays.equals(big, replies.get(1).asBytes()) && ("v" + check).equals(replies.get(2).asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "threaded", "virtual", "evented"})
    void aCommandPastItsTimeoutFailsAndItsConnectionIsDropped(String backend) throws Exception {
        String k = "timeout:" + backend;
        try (Io io = Io.open(backend);
                RedisClient redis = RedisClient.create(io, server.config(3).withCommandTimeout(Duration.ofMillis(100)))) {
            InTask.run(io, () -> {
                redis.del(k);
                try {
                    fail("BLPOP on an empty list answered within its timeout: " + redis.command("BLPOP", k, "30"));
                } catch (SocketTimeoutException expected) {
                    assertTrue(expected.getMessage().contains("BLPOP took longer than the command timeout"), expected.getMessage());
                }
                assertEquals(1, redis.poolStats().dropped(), redis.poolStats().toString());
                try (RedisClient unbounded = RedisClient.create(io, server.config(2))) {
                    try {
                        fail("BLPOP answered within the caller's own timeout: "
                                + io.withTimeout(Duration.ofMillis(50), () -> unbounded.command("BLPOP", k, "30")));
                    } catch (TimeoutException expected) {
                        assertEquals(1, unbounded.poolStats().dropped(), "the caller's own bound breaks the exchange off too");
                    }
                }
                assertEquals("PONG", redis.ping());
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void aServerThatNeverAnswersTheHandshakeIsTimedOut(String backend) throws Exception {
        try (Io io = Io.open(backend);
                Listener listener = io.net().listen(ANY_LOOPBACK_PORT);
                Future<Void, IOException> mute = io.concurrent(() -> serve(io, listener, (connection, index) -> {
                    connection.reader().fill(1);
                    io.sleep(Duration.ofMinutes(5));       // takes the HELLO, never answers it
                }))) {
            RedisConfig config = RedisConfig.of(listener.localAddress()).withProtocol(3).withConnectTimeout(Duration.ofMillis(200));
            try (RedisClient redis = RedisClient.create(io, config)) {
                InTask.run(io, () -> {
                    try {
                        fail("a mute server answered " + redis.ping());
                    } catch (SocketTimeoutException expected) {
                        assertTrue(expected.getMessage().contains("connect timeout"), expected.getMessage());
                    }
                    assertEquals(0, redis.poolStats().created(), "a connection that did not make it is not the pool's");
                });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void aServerThatClosesInTheMiddleOfAReplyFailsThatCommandOnly(String backend) throws Exception {
        try (Io io = Io.open(backend);
                Listener listener = io.net().listen(ANY_LOOPBACK_PORT);
                Future<Void, IOException> flaky = io.concurrent(() -> serve(io, listener, (connection, index) -> {
                    Reader in = connection.reader();
                    Writer out = connection.writer();
                    if (index == 0) {
                        in.fill(1);
                        out.print("$10\r\nabc");    // 3 of 10 bytes, then the end
                        out.flush();
                        return;
                    }
                    for (String line; (line = in.readLine()) != null; ) {     // the lines of the commands
                        if (line.equals("PING")) {
                            out.print("+PONG\r\n");
                            out.flush();
                        }
                    }
                }))) {
            try (RedisClient redis = RedisClient.create(io, RedisConfig.of(listener.localAddress()))) {
                InTask.run(io, () -> {
                    try {
                        fail("a cut reply was taken: " + redis.ping());
                    } catch (EOFException expected) {
                        assertTrue(expected.getMessage().contains("in the middle of a reply"), expected.getMessage());
                    }
                    assertEquals(1, redis.poolStats().dropped(), redis.poolStats().toString());
                    assertEquals("PONG", redis.ping(), "a new connection");
                    assertEquals("PONG", redis.ping());
                    assertEquals(2, redis.poolStats().created(), redis.poolStats().toString());
                });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void aServerThatSendsABadFrameFailsThatCommandWithWhatWasWrong(String backend) throws Exception {
        try (Io io = Io.open(backend);
                Listener listener = io.net().listen(ANY_LOOPBACK_PORT);
                Future<Void, IOException> bad = io.concurrent(() -> serve(io, listener, (connection, index) -> {
                    connection.reader().fill(1);
                    connection.writer().print(index == 0 ? "$5\r\nhello!!\r\n" : "*2147483647\r\n");
                    connection.writer().flush();
                    connection.reader().fill(1000);     // until the client closes
                }))) {
            try (RedisClient redis = RedisClient.create(io, RedisConfig.of(listener.localAddress()))) {
                InTask.run(io, () -> {
                    try {
                        fail("a bad frame was taken: " + redis.ping());
                    } catch (RedisProtocolException expected) {
                        assertTrue(expected.getMessage().contains("not followed by CRLF"), expected.getMessage());
                    }
                    try {
                        fail("an array of 2^31-1 elements was taken: " + redis.ping());
                    } catch (RedisProtocolException expected) {
                        assertTrue(expected.getMessage().contains("maxAggregateSize"), expected.getMessage());
                    }
                    assertEquals(2, redis.poolStats().dropped(), redis.poolStats().toString());
                });
            }
        }
    }

    /** What a fake server does with its {@code index}th connection. */
    @FunctionalInterface
    private interface Behaviour {
        @io.zsync.coroutine.Suspendable
        void serve(Connection connection, int index) throws IOException;
    }

    /** Accepts connections until canceled, each served by {@code behaviour} in a task of its own. */
    private static void serve(Io io, Listener listener, Behaviour behaviour) throws IOException {
        AtomicInteger accepted = new AtomicInteger();
        try (Group<RuntimeException> connections = io.group()) {
            while (true) {
                Connection connection = listener.accept();
                int index = accepted.getAndIncrement();
                connections.async(() -> {
                    try (connection) {
                        behaviour.serve(connection, index);
                    } catch (IOException gone) {
                        // the client went away: this fake server does not care
                    }
                });
            }
        }
    }
}
