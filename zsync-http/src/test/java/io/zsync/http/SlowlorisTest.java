package io.zsync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import io.zsync.junit.LeakCheck;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slowloris: many connections trickling their heads a byte at a time. Each is bounded (its head's
 * bytes by {@code maxHeaderBytes}, its time by {@code headerTimeout}, their number by
 * {@code maxConnections}), the server's heap grows by a bounded amount per connection, other
 * clients are served meanwhile, and every slow one ends with 408.
 */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class SlowlorisTest {

    private static final int SLOW_CLIENTS = 400;
    private static final int ROUNDS = 10;
    /** A connection's share: two 16 KiB socket buffers, the task, the parser's state, with room. */
    private static final long MAX_BYTES_PER_CONNECTION = 128 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "evented"})
    void tricklingHeadsHoldBoundedMemoryWhileOthersAreServedAndEndWith408(String backend) throws IOException {
        ServerOptions options = ServerOptions.defaults().headerTimeout(Duration.ofSeconds(8));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Io io = HttpServerTest.open(backend); HttpServer server = HttpServer.start(io, HttpServerTest.ANY_PORT,
                HttpServerTest.routes(), options)) {
            long before = usedHeapAfterGc(memory);
            List<RawClient> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    slow.add(new RawClient(server.port()).send("GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Slow: "));
                }
                int served = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    try (RawClient other = new RawClient(server.port())) {
                        served += other.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n").read().status() == 200 ? 1 : 0;
                    }
                    if (!trickle(slow)) {
                        break;
                    }
                }
                long perConnection = (usedHeapAfterGc(memory) - before) / SLOW_CLIENTS;
                System.out.printf("slowloris on %s: %d trickling connections, %,d heap bytes each; %d other"
                        + " requests served meanwhile%n", backend, SLOW_CLIENTS, perConnection, served);
                assertTrue(served > 0, "other clients were served while the slow ones trickled");
                assertTrue(perConnection < MAX_BYTES_PER_CONNECTION, perConnection + " heap bytes per trickling connection");
                for (RawClient s : slow) {
                    assertEquals(408, s.read().status(), "the head's deadline holds though every read got bytes");
                }
            } finally {
                for (RawClient s : slow) {
                    s.close();
                }
            }
        }
    }

    /**
     * Sends each slow client's next byte; {@code false} once the server has answered one (its
     * deadline passed while this machine was slow to trickle), which ends the trickling.
     */
    private static boolean trickle(List<RawClient> slow) {
        for (RawClient s : slow) {
            try {
                s.send("a");
            } catch (IOException answeredAlready) {
                return false;
            }
        }
        return true;
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
