package io.zsync.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import io.zsync.junit.LeakCheck;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input to the public methods: {@code null}, negative or empty arguments, refused commands,
 * closed clients and connections. Each fails at once, before anything is sent, saying what to
 * pass instead. On {@code virtual}, from the test's thread (no task: nothing suspends inside
 * JUnit's lambdas).
 */
@ExtendWith(LeakCheck.class)
@Timeout(60)
class BadInputTest {

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

    @Test
    void theSettingsRefuseNullAndOutOfRangeValues() {
        RedisConfig config = server.config(2);
        assertMessage(NullPointerException.class, () -> RedisConfig.of(null), "address is null");
        assertMessage(NullPointerException.class, () -> RedisConfig.of(null, 6379), "host is null");
        assertMessage(IllegalArgumentException.class, () -> RedisConfig.of("localhost", 0), "port is 0");
        assertMessage(IllegalArgumentException.class, () -> RedisConfig.of("localhost", 65536), "port is 65536");
        assertMessage(IllegalArgumentException.class, () -> config.withProtocol(1), "pass 2 (RESP2) or 3");
        assertMessage(IllegalArgumentException.class, () -> config.withDatabase(-1), "database is -1");
        assertMessage(IllegalArgumentException.class, () -> config.withPoolSize(0), "poolSize is 0");
        assertMessage(IllegalArgumentException.class, () -> config.withPoolSize(-3), "poolSize is -3");
        assertMessage(IllegalArgumentException.class, () -> config.withConnectTimeout(Duration.ZERO), "connectTimeout is PT0S");
        assertMessage(IllegalArgumentException.class, () -> config.withCommandTimeout(Duration.ofSeconds(-1)), "commandTimeout is");
        assertMessage(IllegalArgumentException.class, () -> config.withBorrowTimeout(Duration.ofSeconds(-1)), "borrowTimeout is");
        assertMessage(NullPointerException.class, () -> config.withCommandTimeout(null), "timeout is null");
        assertMessage(NullPointerException.class, () -> config.withCredentials(null, "x"), "user is null");
        assertMessage(NullPointerException.class, () -> config.withLimits(null), "limits is null");
        assertMessage(IllegalArgumentException.class, () -> new RespLimits(0, 1, 1, 1, 1), "maxLineLength is 0");
        assertMessage(IllegalArgumentException.class, () -> new RespLimits(1, -1, 1, 1, 1), "maxBulkLength is -1");
        assertMessage(IllegalArgumentException.class, () -> new RespLimits(1 << 21, 1, 1, 1, 1 << 22), "pass at most");
        assertMessage(IllegalArgumentException.class, () -> new RespLimits(10, 100, 1, 1, 50), "maxReplyBytes is 50");
        assertMessage(IllegalArgumentException.class, () -> SetOptions.none().expireAfter(Duration.ZERO), "ttl is PT0S");
        assertMessage(NullPointerException.class, () -> RedisClient.create(null, config), "io is null");
    }

    @Test
    void commandsRefuseNullEmptyAndNegativeArgumentsBeforeSendingAnything() throws Exception {
        try (Io io = Io.open("virtual"); RedisClient redis = RedisClient.create(io, server.config(3))) {
            assertMessage(NullPointerException.class, () -> redis.get((String) null), "key is null");
            assertMessage(NullPointerException.class, () -> redis.get((byte[]) null), "key is null");
            assertMessage(NullPointerException.class, () -> redis.set("k", null), "value is null");
            assertMessage(NullPointerException.class, () -> redis.set("k", "v", null), "options is null");
            assertMessage(NullPointerException.class, () -> redis.set(new byte[1], null, SetOptions.none()), "value is null");
            assertMessage(IllegalArgumentException.class, () -> redis.del(), "no key");
            assertMessage(NullPointerException.class, () -> redis.del("a", null), "a key is null");
            assertMessage(NullPointerException.class, () -> redis.del((String[]) null), "keys is null");
            assertMessage(IllegalArgumentException.class, () -> redis.expire("k", Duration.ofSeconds(-1)), "ttl is PT-1S");
            assertMessage(NullPointerException.class, () -> redis.expire("k", null), "ttl is null");
            assertMessage(IllegalArgumentException.class, () -> redis.hset("k", Map.of()), "fields is empty");
            assertMessage(IllegalArgumentException.class, () -> redis.lpush("k"), "no value");
            assertMessage(IllegalArgumentException.class, () -> redis.zadd("k", Double.NaN, "m"), "score is NaN");
            assertMessage(IllegalArgumentException.class, () -> redis.incrByFloat("k", Double.POSITIVE_INFINITY), "finite");
            assertMessage(IllegalArgumentException.class, () -> redis.command(new String[0]), "no command");
            assertMessage(IllegalArgumentException.class, () -> redis.command(new byte[0][]), "no command");
            assertMessage(NullPointerException.class, () -> redis.command("GET", null), "argument 1 of the command is null");
            assertMessage(NullPointerException.class, () -> redis.command((String[]) null), "args is null");
            assertMessage(NullPointerException.class, () -> redis.pipeline().add("SET", null), "argument 1");
            assertMessage(IllegalArgumentException.class, () -> redis.command("select", "1"), "RedisConfig");
            assertMessage(IllegalArgumentException.class, () -> redis.command("SUBSCRIBE", "c"), "subscriber()");
            assertMessage(IllegalArgumentException.class, () -> redis.pipeline().add("PING").add("MONITOR").execute(), "subscriber()");
            assertMessage(IllegalArgumentException.class, () -> redis.pipeline().add("WATCH", "k").execute(), "WATCH open");
            assertEquals(0, redis.poolStats().created() + redis.poolStats().reused(), "nothing was sent: " + redis.poolStats());
            assertEquals(java.util.List.of(), redis.lrange("nolist", -3, -1), "negative indexes are Redis's, passed on");
        }
    }

    @Test
    void aClosedClientConnectionOrSubscriberRefusesCommands() throws Exception {
        try (Io io = Io.open("virtual")) {
            RedisClient redis = RedisClient.create(io, server.config(2));
            redis.ping();
            redis.close();
            redis.close();   // idempotent
            assertMessage(IllegalStateException.class, redis::ping, "the RedisClient is closed");
            assertMessage(IllegalStateException.class, () -> redis.pipeline().add("PING").execute(), "closed");
            assertMessage(IllegalStateException.class, redis::subscriber, "closed");

            RedisConnection connection = RedisConnection.open(io, server.config(3));
            connection.close();
            assertMessage(IllegalStateException.class, connection::ping, "the connection is closed");

            try (RedisClient open = RedisClient.create(io, server.config(2))) {
                RedisSubscriber subscriber = open.subscriber();
                subscriber.close();
                assertMessage(IllegalStateException.class, () -> subscriber.subscribe("c"), "closed");
                try (RedisSubscriber another = open.subscriber()) {
                    assertMessage(IllegalArgumentException.class, another::subscribe, "no channel");
                }
            }
            assertMessage(NullPointerException.class, () -> RedisConnection.open(io, null), "config is null");
        }
    }

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String expected) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage() != null && thrown.getMessage().contains(expected),
                "expected '" + expected + "' in: " + thrown.getMessage());
    }
}
