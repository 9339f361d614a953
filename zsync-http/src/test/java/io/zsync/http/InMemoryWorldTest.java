package io.zsync.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.junit.LeakCheck;
import io.zsync.net.Connection;
import io.zsync.spi.kit.memory.MemoryWorld;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unchanged server and client over an in-memory world (the memory I/O driver): HTTP is
 * zsync code on the driver's operations, so it needs no kernel socket at all.
 */
@ExtendWith(LeakCheck.class)
@Timeout(120)
class InMemoryWorldTest {

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threaded", "evented"})
    void serverAndPooledClientTalkThroughTheWorld(String backend) throws Exception {
        MemoryWorld world = MemoryWorld.create();
        IoOptions options = IoOptions.defaults().driver(world);
        try (Io io = Io.open(backend, backend.equals("threaded") ? options.threads(64) : options);
                HttpServer server = HttpServer.start(io, HttpServerTest.ANY_PORT, HttpServerTest.routes());
                HttpClient client = HttpClient.open(io, ClientOptions.defaults().maxConnectionsPerOrigin(4))) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            List<Future<byte[], IOException>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = 1000 * i;
                calls.add(io.concurrent(() -> client.send(ClientRequest.get(base.resolve("/stream?n=" + n))).bodyBytes()));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertArrayEquals(HttpServerTest.pattern(1000 * i), calls.get(i).await());
            }
            String pipelined = io.async(() -> {
                try (Connection raw = io.net().connect(server.localAddress())) {
                    raw.writer().print("GET /users/a HTTP/1.1\r\nHost: x\r\n\r\nGET /users/b HTTP/1.1\r\nHost: x\r\n"
                            + "Connection: close\r\n\r\n", StandardCharsets.ISO_8859_1);
                    raw.writer().flush();
                    return new String(Bodies.readAll(raw.reader(), -1), StandardCharsets.ISO_8859_1);
                }
            }).await();
            assertEquals(2, pipelined.split("HTTP/1.1 200 OK", -1).length - 1, pipelined);
            assertEquals(true, pipelined.endsWith("user b"), pipelined);
            assertEquals(40, client.connectionsOpened() + client.connectionsReused());
        }
        assertEquals(0, world.openHandles(), "every socket of the world is closed");
    }
}
