package io.zsync.examples.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.Io;
import io.zsync.junit.LeakCheck;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed commands and every RESP type, in RESP2 and RESP3, against a real redis-server, on each
 * backend, in a task. These tests run on the module path, patched into {@code io.zsync.examples}.
 */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class RedisClientTest {

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

    /** Every backend with each protocol. */
    static Stream<Arguments> backendsAndProtocols() {
        return Stream.of("blocking", "threaded", "virtual", "evented")
                .flatMap(backend -> Stream.of(Arguments.of(backend, 2), Arguments.of(backend, 3)));
    }

    @Test
    void runsInTheExamplesModule() {
        assertEquals("io.zsync.examples", getClass().getModule().getName(),
                "the tests run on the class path: surefire's useModulePath is off");
        assertEquals("io.zsync", Io.class.getModule().getName());
    }

    @ParameterizedTest(name = "{0}, RESP{1}")
    @MethodSource("backendsAndProtocols")
    void theTypedCommandsDoWhatRedisDoes(String backend, int protocol) throws Exception {
        String k = "typed:" + backend + ":" + protocol + ":";
        try (Io io = Io.open(backend); RedisClient redis = RedisClient.create(io, server.config(protocol))) {
            InTask.run(io, () -> {
                assertEquals("PONG", redis.ping());
                redis.del(k + "s", k + "n", k + "f", k + "h", k + "l", k + "set", k + "z", k + "ttl");
                assertNull(redis.get(k + "s"));
                redis.set(k + "s", "välue");
                assertEquals("välue", redis.get(k + "s"));
                assertFalse(redis.set(k + "s", "other", SetOptions.none().ifAbsent()), "NX on a key that exists");
                assertTrue(redis.set(k + "s", "other", SetOptions.none().ifPresent()), "XX on a key that exists");
                assertFalse(redis.set(k + "absent", "x", SetOptions.none().ifPresent()), "XX on a key that does not");
                assertEquals("other", redis.get(k + "s"));
                assertEquals(2, redis.exists(k + "s", k + "s"));
                assertEquals(1, redis.del(k + "s", k + "absent"));

                assertEquals(1, redis.incr(k + "n"));
                assertEquals(11, redis.incrBy(k + "n", 10));
                assertEquals(-5, redis.incrBy(k + "n", -16));
                assertEquals(2.5, redis.incrByFloat(k + "f", 2.5));

                assertTrue(redis.set(k + "ttl", "x", SetOptions.none().expireAfter(Duration.ofMinutes(5))));
                long ttl = redis.pttl(k + "ttl");
                assertTrue(ttl > 0 && ttl <= 300_000, "PX set a TTL: " + ttl);
                assertEquals(-1, redis.pttl(k + "n"), "no expiry");
                assertEquals(-2, redis.pttl(k + "absent"), "no key");
                assertTrue(redis.expire(k + "n", Duration.ofNanos(1)), "rounded up to 1 ms, not 0 (which deletes)");
                assertFalse(redis.expire(k + "absent", Duration.ofSeconds(1)));

                assertTrue(redis.hset(k + "h", "a", "1"));
                assertFalse(redis.hset(k + "h", "a", "2"), "an existing field");
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("b", "3");
                fields.put("c", "4");
                assertEquals(2, redis.hset(k + "h", fields));
                assertEquals("2", redis.hget(k + "h", "a"));
                assertNull(redis.hget(k + "h", "zz"));
                assertEquals(Map.of("a", "2", "b", "3", "c", "4"), redis.hgetAll(k + "h"));
                assertEquals(Map.of(), redis.hgetAll(k + "absent"));
                assertEquals(1, redis.hdel(k + "h", "a", "zz"));

                assertEquals(2, redis.rpush(k + "l", "b", "c"));
                assertEquals(3, redis.lpush(k + "l", "a"));
                assertEquals(List.of("a", "b", "c"), redis.lrange(k + "l", 0, -1));
                assertEquals(List.of("b", "c"), redis.lrange(k + "l", -2, -1));
                assertEquals("a", redis.lpop(k + "l"));
                assertEquals(List.of(), redis.lrange(k + "absent", 0, -1));

                assertEquals(2, redis.sadd(k + "set", "x", "y", "x"));
                assertEquals(Set.of("x", "y"), redis.smembers(k + "set"));

                assertTrue(redis.zadd(k + "z", 1.5, "m"));
                assertFalse(redis.zadd(k + "z", Double.POSITIVE_INFINITY, "m"));
                assertEquals(Double.POSITIVE_INFINITY, redis.zscore(k + "z", "m"));
                assertNull(redis.zscore(k + "z", "nobody"));

                assertEquals(0, redis.publish(k + "nobody-listens", "hi"));
            });
        }
    }

    @ParameterizedTest(name = "{0}, RESP{1}")
    @MethodSource("backendsAndProtocols")
    void valuesAreBinarySafe(String backend, int protocol) throws Exception {
        byte[] key = ("binary:" + backend + protocol + "\r\n\0").getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[256 * 4 + 100_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 131);
        }
        try (Io io = Io.open(backend); RedisClient redis = RedisClient.create(io, server.config(protocol))) {
            InTask.run(io, () -> {
                assertTrue(redis.set(key, value, SetOptions.none()));
                assertArrayEquals(value, redis.get(key));
                assertArrayEquals(new byte[0], setAndGet(redis, new byte[0]), "an empty value");
                assertEquals(new Reply.IntegerReply(1), redis.command("DEL".getBytes(StandardCharsets.US_ASCII), key));
            });
        }
    }

    private static byte[] setAndGet(RedisClient redis, byte[] value) throws Exception {
        byte[] key = "binary:empty".getBytes(StandardCharsets.US_ASCII);
        redis.set(key, value, SetOptions.none());
        return redis.get(key);
    }

    @ParameterizedTest(name = "{0}, RESP{1}")
    @MethodSource("backendsAndProtocols")
    void anErrorReplyIsThrownAndTheConnectionGoesOn(String backend, int protocol) throws Exception {
        String k = "errors:" + backend + protocol;
        try (Io io = Io.open(backend); RedisClient redis = RedisClient.create(io, server.config(protocol))) {
            InTask.run(io, () -> {
                redis.set(k, "a string");
                try {
                    fail("LPUSH on a string answered " + redis.lpush(k, "x"));
                } catch (RedisServerException expected) {
                    assertEquals("WRONGTYPE", expected.code());
                    assertTrue(expected.getMessage().contains("LPUSH"), expected.getMessage());
                }
                try {
                    fail("an unknown command answered " + redis.command("NOSUCHCOMMAND", "x"));
                } catch (RedisServerException expected) {
                    assertEquals("ERR", expected.code());
                }
                try {
                    fail("INCR on a string answered " + redis.incr(k));
                } catch (RedisServerException expected) {
                    assertEquals("ERR", expected.code());
                }
                assertEquals("a string", redis.get(k));
                PoolStats stats = redis.poolStats();
                assertEquals(1, stats.created(), "one connection served every command, errors included: " + stats);
                assertEquals(0, stats.dropped(), stats.toString());
            });
        }
    }

    /**
     * {@code DEBUG PROTOCOL} sends each RESP3 type, and its RESP2 form to a RESP2 client: every
     * kind of {@link Reply}, from a real server.
     */
    @ParameterizedTest(name = "{0}, RESP{1}")
    @MethodSource("backendsAndProtocols")
    void everyReplyTypeComesAsItsKind(String backend, int protocol) throws Exception {
        boolean resp3 = protocol == 3;
        try (Io io = Io.open(backend); RedisConnection redis = RedisConnection.open(io, server.config(protocol))) {
            InTask.run(io, () -> {
                assertEquals(new Reply.BulkString("Hello World".getBytes(StandardCharsets.US_ASCII)), debug(redis, "string"));
                assertEquals(new Reply.IntegerReply(12345), debug(redis, "integer"));
                assertEquals(resp3 ? new Reply.DoubleReply(3.141) : bulk("3.141"), debug(redis, "double"));
                assertEquals(3.141, debug(redis, "double").asDouble());
                assertEquals(resp3 ? new Reply.BigNumberReply(new BigInteger("1234567999999999999999999999999999999"))
                        : bulk("1234567999999999999999999999999999999"), debug(redis, "bignum"));
                assertEquals(Reply.NullReply.NULL, debug(redis, "null"));
                List<Reply> numbers = List.of(new Reply.IntegerReply(0), new Reply.IntegerReply(1), new Reply.IntegerReply(2));
                assertEquals(new Reply.ArrayReply(numbers), debug(redis, "array"));
                assertEquals(resp3 ? new Reply.SetReply(numbers) : new Reply.ArrayReply(numbers), debug(redis, "set"));
                Reply map = debug(redis, "map");
                if (resp3) {
                    assertInstanceOf(Reply.MapReply.class, map);
                } else {
                    assertInstanceOf(Reply.ArrayReply.class, map, "RESP2 sends a map as a flat array");
                }
                Map<Reply, Reply> entries = map.asMap();
                assertEquals(List.of(new Reply.IntegerReply(0), new Reply.IntegerReply(1), new Reply.IntegerReply(2)),
                        List.copyOf(entries.keySet()));
                assertEquals(List.of(false, true, false), entries.values().stream().map(Reply::asBoolean).toList());
                assertEquals(resp3 ? new Reply.BooleanReply(true) : new Reply.IntegerReply(1), debug(redis, "true"));
                assertEquals(resp3 ? new Reply.BooleanReply(false) : new Reply.IntegerReply(0), debug(redis, "false"));
                Reply verbatim = debug(redis, "verbatim");
                assertEquals("This is a verbatim\nstring", verbatim.asString());
                if (resp3) {
                    assertEquals("txt", assertInstanceOf(Reply.VerbatimString.class, verbatim).format());
                } else {
                    assertInstanceOf(Reply.BulkString.class, verbatim);
                }
                // An attribute comes before the reply it describes; it is dropped.
                assertEquals(bulk("Some real reply following the attribute"), debug(redis, "attrib"));
                if (resp3) {        // the push comes first, out of band, and is not taken for the reply
                    assertEquals(bulk("Some real reply following the push reply"), debug(redis, "push"));
                } else {
                    try {
                        fail("RESP2 has no push, yet DEBUG PROTOCOL push answered " + debug(redis, "push"));
                    } catch (RedisServerException expected) {
                        assertTrue(expected.getMessage().contains("RESP2 is not supported"), expected.getMessage());
                    }
                }
                assertEquals("PONG", redis.ping(), "the connection is in step after every type");
                Reply hello = redis.command("HELLO");
                assertEquals(protocol, hello.asMap().get(bulk("proto")).asLong(), "HELLO tells the protocol spoken");
            });
        }
    }

    private static Reply debug(RedisConnection redis, String type) throws Exception {
        return redis.command("DEBUG", "PROTOCOL", type);
    }

    private static Reply bulk(String text) {
        return new Reply.BulkString(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "RESP{0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3})
    void credentialsAndTheDatabaseAreSetOnEveryConnection(int protocol) throws Exception {
        try (RedisServer guarded = RedisServer.start("--requirepass", "s3cret");
                Io io = Io.open("virtual")) {
            try (RedisConnection wrong = RedisConnection.open(io, guarded.config(protocol).withCredentials("default", "nope"))) {
                fail("a wrong password was taken: " + wrong);
            } catch (RedisServerException expected) {
                assertEquals("WRONGPASS", expected.code(), expected.getMessage());
            }
            RedisConfig config = guarded.config(protocol).withCredentials("default", "s3cret").withDatabase(3);
            try (RedisClient redis = RedisClient.create(io, config)) {
                redis.set("in-db-3", "yes");
                Reply index = redis.command("CLIENT", "INFO");
                assertTrue(index.asString().contains(" db=3 "), index.asString());
            }
            try (RedisClient db0 = RedisClient.create(io, guarded.config(protocol).withCredentials("default", "s3cret"))) {
                assertNull(db0.get("in-db-3"), "database 0 is another");
            }
        }
    }
}
