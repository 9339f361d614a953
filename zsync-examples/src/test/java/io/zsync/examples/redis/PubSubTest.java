package io.zsync.examples.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pub/sub against a real redis-server: RESP2 arrays and RESP3 pushes, channels and patterns, a listener task. */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class PubSubTest {

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

    static Stream<Arguments> backendsAndProtocols() {
        return RedisClientTest.backendsAndProtocols();
    }

    @ParameterizedTest(name = "{0}, RESP{1}")
    @MethodSource("backendsAndProtocols")
    void aPublishedMessageReachesTheSubscriberOfItsChannelOrPattern(String backend, int protocol) throws Exception {
        String ch = "news:" + backend + protocol;
        try (Io io = Io.open(backend);
                RedisClient redis = RedisClient.create(io, server.config(protocol));
                RedisSubscriber subscriber = redis.subscriber()) {
            InTask.run(io, () -> {
                subscriber.subscribe(ch, ch + ":other");
                subscriber.psubscribe(ch + ":*");
                assertEquals(Set.of(ch, ch + ":other"), subscriber.channels());
                assertEquals(Set.of(ch + ":*"), subscriber.patterns());

                assertEquals(1, redis.publish(ch, "héllo"), "the subscriber is counted once the subscribe returned");
                assertEquals(new RedisMessage(ch, null, "héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8)), subscriber.next());
                assertEquals(2, redis.publish(ch + ":other", "both"), "once by channel, once by pattern");
                List<RedisMessage> both = List.of(subscriber.next(), subscriber.next());
                assertEquals(Set.of(new RedisMessage(ch + ":other", null, bytes("both")),
                        new RedisMessage(ch + ":other", ch + ":*", bytes("both"))), Set.copyOf(both));

                assertEquals(Optional.empty(), subscriber.next(Duration.ofMillis(20)), "nothing published");
                assertEquals(1, redis.publish(ch, "after a timeout"));
                assertEquals("after a timeout", subscriber.next(PATIENCE).orElseThrow().text(), "a timeout left it in step");

                subscriber.unsubscribe(ch);
                assertEquals(Set.of(ch + ":other"), subscriber.channels());
                subscriber.unsubscribe();
                subscriber.punsubscribe();
                assertEquals(Set.of(), subscriber.channels());
                assertEquals(Set.of(), subscriber.patterns());
                assertEquals(0, redis.publish(ch, "nobody"), "unsubscribed");
                subscriber.unsubscribe();    // from nothing: the server confirms that too
                assertTrue(subscriber.isOpen());
            });
        }
    }

    /** The listener runs in a task of its own and hands what it receives over a queue, while the caller publishes. */
    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void aListenerTaskReceivesWhileAnotherPublishes(String backend) throws Exception {
        String ch = "listener:" + backend;
        int messages = 500;
        try (Io io = Io.open(backend);
                RedisClient redis = RedisClient.create(io, server.config(3));
                RedisSubscriber subscriber = redis.subscriber()) {
            subscriber.subscribe(ch);
            Queue<String> received = io.queue(16);
            try (Future<Void, IOException> listener = io.concurrent(() -> {
                for (int i = 0; i < messages; i++) {
                    received.put(subscriber.next().text());
                }
            })) {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    assertEquals(1, redis.publish(ch, "m" + i));
                    got.add(received.get(PATIENCE));
                }
                listener.await();
                for (int i = 0; i < messages; i++) {
                    assertEquals("m" + i, got.get(i), "in order");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void closingTheSubscriberEndsAWaitingNext(String backend) throws Exception {
        try (Io io = Io.open(backend); RedisClient redis = RedisClient.create(io, server.config(2))) {
            RedisSubscriber subscriber = redis.subscriber();
            subscriber.subscribe("quiet:" + backend);
            try (Future<RedisMessage, IOException> waiting = io.concurrent(() -> subscriber.next())) {
                assertFalse(waiting.isDone());
                subscriber.close();
                try {
                    waiting.await();
                } catch (IOException | IllegalStateException expected) {
                    // ended: the socket was closed under the read, or before it began
                }
            }
            assertFalse(subscriber.isOpen());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
