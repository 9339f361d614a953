package io.zsync.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.Io;
import io.zsync.junit.LeakCheck;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pipelines against a real redis-server: 10,000 commands in one, replies in order, errors in place, transactions. */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class PipelineTest {

    private static final int COMMANDS = 10_000;

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

    static Stream<Arguments> backendsAndProtocols() {
        return RedisClientTest.backendsAndProtocols();
    }

    @ParameterizedTest(name = "{0}, RESP{1}")
    @MethodSource("backendsAndProtocols")
    void tenThousandCommandsComeBackInOrderOnOneConnection(String backend, int protocol) throws Exception {
        String k = "pipe:" + backend + protocol + ":";
        try (Io io = Io.open(backend); RedisClient redis = RedisClient.create(io, server.config(protocol))) {
            InTask.run(io, () -> {
                redis.del(k + "counter");
                RedisPipeline pipeline = redis.pipeline();
                for (int i = 0; i < COMMANDS / 2; i++) {
                    pipeline.add("SET", k + i, "value-" + i).add("INCR", k + "counter");
                }
                assertEquals(COMMANDS, pipeline.size());
                List<Reply> replies = pipeline.execute();
                assertEquals(0, pipeline.size(), "executing empties the pipeline");
                assertEquals(COMMANDS, replies.size());
                for (int i = 0; i < COMMANDS / 2; i++) {
                    assertEquals(new Reply.SimpleString("OK"), replies.get(2 * i), "SET " + i);
                    assertEquals(new Reply.IntegerReply(i + 1), replies.get(2 * i + 1), "INCR " + i + ": in order");
                }
                for (int i = 0; i < COMMANDS; i++) {
                    pipeline.add("GET", k + (i % (COMMANDS / 2)));
                }
                List<Reply> values = pipeline.execute();
                for (int i = 0; i < COMMANDS; i++) {
                    assertEquals("value-" + (i % (COMMANDS / 2)), values.get(i).asString(), "GET " + i);
                }
                assertEquals(1, redis.poolStats().created(), "one connection for both pipelines: " + redis.poolStats());
            });
        }
    }

    @ParameterizedTest(name = "{0}, RESP{1}")
    @MethodSource("backendsAndProtocols")
    void anErrorIsAReplyInItsPlaceAndTheOthersRun(String backend, int protocol) throws Exception {
        String k = "pipe-errors:" + backend + protocol;
        try (Io io = Io.open(backend); RedisClient redis = RedisClient.create(io, server.config(protocol))) {
            InTask.run(io, () -> {
                List<Reply> replies = redis.pipeline().add("SET", k, "text").add("INCR", k).add("GET", k).execute();
                assertEquals(new Reply.SimpleString("OK"), replies.get(0));
                assertEquals("ERR", assertInstanceOf(Reply.ErrorReply.class, replies.get(1)).code());
                assertEquals("text", replies.get(2).asString());
                assertEquals(List.of(), redis.pipeline().execute(), "an empty pipeline sends nothing");
            });
        }
    }

    @ParameterizedTest(name = "{0}, RESP{1}")
    @MethodSource("backendsAndProtocols")
    void aTransactionIsAPipelineThatEndsIt(String backend, int protocol) throws Exception {
        String k = "pipe-multi:" + backend + protocol;
        try (Io io = Io.open(backend); RedisClient redis = RedisClient.create(io, server.config(protocol))) {
            InTask.run(io, () -> {
                redis.del(k);
                List<Reply> replies = redis.pipeline().add("MULTI").add("INCR", k).add("INCR", k).add("EXEC").execute();
                assertEquals(new Reply.SimpleString("QUEUED"), replies.get(1));
                assertEquals(List.of(new Reply.IntegerReply(1), new Reply.IntegerReply(2)), replies.get(3).asList());
                try {
                    fail("an open MULTI was sent: " + redis.pipeline().add("MULTI").add("INCR", k).execute());
                } catch (IllegalArgumentException expected) {
                    assertTrue(expected.getMessage().contains("MULTI open"), expected.getMessage());
                }
                try {
                    fail("MULTI alone was sent: " + redis.command("MULTI"));
                } catch (IllegalArgumentException expected) {
                    assertTrue(expected.getMessage().contains("pipeline"), expected.getMessage());
                }
                assertEquals("2", redis.get(k), "nothing refused was sent");
            });
        }
    }
}
