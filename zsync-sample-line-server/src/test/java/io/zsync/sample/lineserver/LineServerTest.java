package io.zsync.sample.lineserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.junit.LeakCheck;
import io.zsync.net.Listener;
import io.zsync.spi.kit.memory.MemoryWorld;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server and its clients on loopback, on each backend. {@link LeakCheck} fails a test that
 * leaves a future, group or socket open. These tests run on the module path, patched into the
 * module {@code io.zsync.sample.lineserver}, as a JPMS project's tests do by default.
 */
@ExtendWith(LeakCheck.class)
@Timeout(60)
@SuppressWarnings("try") // a server's future is never read: the end of its try block cancels it
class LineServerTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int CLIENTS = 32;

    @Test
    void runsInTheSampleModule() {
        assertEquals("io.zsync.sample.lineserver", getClass().getModule().getName(),
                "the tests run on the class path: surefire's useModulePath is off");
        assertEquals("io.zsync", Io.class.getModule().getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void everyClientGetsItsOwnLinesBackUpperCased(String backend) throws IOException {
        try (Io io = Io.open(backend);
                Listener listener = io.net().listen(ANY_LOOPBACK_PORT);
                Future<Void, IOException> server = io.concurrent(() -> LineServer.serve(io, listener))) {
            List<List<String>> answers = LineClient.fanOut(io, listener.localAddress(), CLIENTS, LineServerTest::script);
            assertAnswered(answers);
        }
    }

    @Test
    void clientsOnABackendWithoutConcurrencyCallOneAfterAnother() throws IOException {
        try (Io serverIo = Io.open("virtual");
                Io clientIo = Io.open("blocking");
                Listener listener = serverIo.net().listen(ANY_LOOPBACK_PORT);
                Future<Void, IOException> server = serverIo.concurrent(() -> LineServer.serve(serverIo, listener))) {
            List<List<String>> answers = LineClient.fanOut(clientIo, listener.localAddress(), CLIENTS, LineServerTest::script);
            assertAnswered(answers);
        }
    }

    /**
     * The same server and clients, untouched, on an in-memory world instead of the kernel's
     * sockets: how a user tests network code without ports or descriptors. The server runs on a
     * backend with concurrency, the clients on {@code blocking}, one world between them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"threaded", "virtual", "evented"})
    void theSameServerAnswersInAnInMemoryWorld(String backend) throws IOException {
        MemoryWorld world = MemoryWorld.create();
        try (Io serverIo = Io.open(backend, IoOptions.defaults().driver(world));
                Io clientIo = Io.open("blocking", IoOptions.defaults().driver(world));
                Listener listener = serverIo.net().listen(ANY_LOOPBACK_PORT);
                Future<Void, IOException> server = serverIo.concurrent(() -> LineServer.serve(serverIo, listener))) {
            assertEquals(1, world.openHandles(), "the listener is the world's, not the kernel's");
            List<List<String>> answers = LineClient.fanOut(clientIo, listener.localAddress(), CLIENTS, LineServerTest::script);
            assertAnswered(answers);
        }
        assertEquals(0, world.openHandles(), "every socket of the world is closed");
    }

    private static List<String> script(int client) {
        return List.of("hello from client " + client, "ünïcode too", "bye from " + client);
    }

    private static void assertAnswered(List<List<String>> answers) {
        assertEquals(CLIENTS, answers.size());
        for (int client = 0; client < CLIENTS; client++) {
            List<String> expected = script(client).stream().map(line -> line.toUpperCase(Locale.ROOT)).toList();
            assertEquals(expected, answers.get(client), "client " + client);
        }
    }
}
