package io.zsync.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's pool against a real redis-server: 16 tasks at once on fewer connections, reuse
 * counted, a connection broken by a cancellation dropped, the borrow wait bounded, close.
 */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class PoolTest {

    private static final int TASKS = 16;
    private static final int COMMANDS_PER_TASK = 100;
    /** A bound on waits that end at once when the code is right. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

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

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void sixteenTasksShareFourConnections(String backend) throws Exception {
        String k = "pool:" + backend + ":";
        int poolSize = 4;
        try (Io io = Io.open(backend);
                RedisClient redis = RedisClient.create(io, server.config(3).withPoolSize(poolSize).withBorrowTimeout(PATIENCE))) {
            for (int t = 0; t < TASKS; t++) {
                redis.del(k + t);
            }
            PoolStats before = redis.poolStats();
            try (Group<IOException> tasks = io.group()) {
                for (int t = 0; t < TASKS; t++) {
                    String key = k + t;
                    tasks.async(() -> {
                        for (int i = 0; i < COMMANDS_PER_TASK; i++) {
                            redis.incr(key);
                        }
                    });
                }
                tasks.await();
            }
            for (int t = 0; t < TASKS; t++) {
                assertEquals(Integer.toString(COMMANDS_PER_TASK), redis.get(k + t), "task " + t + "'s counter");
            }
            PoolStats stats = redis.poolStats();
            long commands = TASKS * COMMANDS_PER_TASK + TASKS + TASKS;     // the INCRs, the DELs, the GETs
            assertTrue(stats.created() >= 1 && stats.created() <= poolSize, "at most the pool's size was opened: " + stats);
            assertEquals(commands, stats.created() + stats.reused(), "every command had a connection, new or reused: " + stats);
            assertEquals(0, stats.dropped(), stats.toString());
            assertEquals(0, stats.inUse(), stats.toString());
            assertEquals(stats.created(), stats.idle(), "every connection came back: " + stats);
            System.out.printf("pool on %s: %d tasks x %d commands, %d connections made, %d reuses (before: %s)%n",
                    backend, TASKS, COMMANDS_PER_TASK, stats.created(), stats.reused(), before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void aCommandWaitsForAConnectionNoLongerThanTheBorrowTimeout(String backend) throws Exception {
        String k = "pool-wait:" + backend;
        try (Io io = Io.open(backend);
                RedisClient pushing = RedisClient.create(io, server.config(2));
                RedisClient redis = RedisClient.create(io, server.config(2).withPoolSize(1).withBorrowTimeout(Duration.ofMillis(50)))) {
            pushing.del(k);
            // The one connection waits in BLPOP until something is pushed.
            try (Future<Reply, IOException> popping = io.concurrent(() -> redis.command("BLPOP", k, "0"))) {
                awaitInUse(io, redis, 1);
                try {
                    fail("a second connection was lent: " + redis.ping());
                } catch (RedisException expected) {
                    assertTrue(expected.getMessage().contains("borrow timeout"), expected.getMessage());
                }
                pushing.rpush(k, "unblock");
                assertEquals("unblock", popping.await().asList().get(1).asString());
            }
            assertEquals("PONG", redis.ping(), "the connection came back");
            assertEquals(1, redis.poolStats().created());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void aConnectionUnderACanceledCommandIsDroppedNotReturned(String backend) throws Exception {
        String k = "pool-cancel:" + backend;
        try (Io io = Io.open(backend);
                RedisClient pushing = RedisClient.create(io, server.config(3));
                RedisClient redis = RedisClient.create(io, server.config(3).withPoolSize(1))) {
            pushing.del(k);
            try (Future<Reply, IOException> popping = io.concurrent(() -> redis.command("BLPOP", k, "0"))) {
                awaitInUse(io, redis, 1);
                try {
                    fail("the canceled BLPOP answered " + popping.cancel());
                } catch (CanceledException expected) {
                    // The reply it waited for could still come: the connection must not be reused.
                }
            }
            PoolStats stats = redis.poolStats();
            assertEquals(1, stats.dropped(), stats.toString());
            assertEquals(0, stats.idle(), stats.toString());
            // Reused, the connection would give the BLPOP's reply to the next command once an element came.
            pushing.rpush(k, "late");
            assertEquals("PONG", redis.ping());
            assertEquals(2, redis.poolStats().created(), "a new connection: " + redis.poolStats());
        }
    }

    @Test
    void closingTheClientClosesIdleConnectionsAndFailsThoseInUse() throws Exception {
        String k = "pool-close";
        try (Io io = Io.open("virtual"); RedisClient pushing = RedisClient.create(io, server.config(2))) {
            pushing.del(k);
            RedisClient redis = RedisClient.create(io, server.config(2).withPoolSize(2));
            try {
                redis.ping();
                try (Future<Reply, IOException> popping = io.concurrent(() -> redis.command("BLPOP", k, "0"))) {
                    awaitInUse(io, redis, 1);
                    redis.close();
                    try {
                        fail("BLPOP answered after its client closed: " + popping.await());
                    } catch (IOException | IllegalStateException expected) {
                        // the connection was reset under it, in the middle of the exchange or before it began
                    }
                }
                PoolStats stats = redis.poolStats();
                assertEquals(0, stats.idle(), stats.toString());
                assertEquals(0, stats.inUse(), stats.toString());
                try {
                    fail("a closed client answered " + redis.ping());
                } catch (IllegalStateException expected) {
                    assertTrue(expected.getMessage().contains("closed"), expected.getMessage());
                }
            } finally {
                redis.close();
            }
        }
    }

    /** Waits, bounded, until {@code n} connections are lent: the concurrent command has its connection. */
    private static void awaitInUse(Io io, RedisClient redis, int n) {
        long deadline = io.nanoTime() + PATIENCE.toNanos();
        while (redis.poolStats().inUse() < n) {
            if (io.nanoTime() - deadline > 0) {
                fail("the command never got its connection: " + redis.poolStats());
            }
            io.sleep(Duration.ofMillis(1));
        }
    }
}
