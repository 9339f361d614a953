package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import io.zsync.nio.NioChannels;
import io.zsync.spi.kit.memory.MemoryWorld;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite's I/O cases with no kernel: backends whose I/O goes through the in-memory driver, one
 * world per backend (shared by the cases' {@code Io}s, as a test's server and client would share
 * it). Cases that need a real kernel are reported skipped with their reason.
 */
class MemoryDriverConformanceTest {

    @TestFactory
    Stream<DynamicNode> threaded() {
        return onMemory("threaded");
    }

    @TestFactory
    Stream<DynamicNode> evented() {
        return onMemory("evented");
    }

    @TestFactory
    Stream<DynamicNode> blocking() {
        return onMemory("blocking");
    }

    @Test
    void an_io_on_the_world_makes_its_sockets_and_files_there() throws Exception {
        MemoryWorld world = MemoryWorld.create();
        try (Io io = Io.open("threaded", IoOptions.defaults().driver(world));
                Listener listener = io.net().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Connection client = io.net().connect(listener.localAddress());
                Connection accepted = listener.accept()) {
            assertEquals(3, world.openHandles(), "the listener and both ends live in the world");
            assertThrows(UnsupportedOperationException.class, () -> NioChannels.of(io), "no NIO under it");
        }
        assertEquals(0, world.openHandles(), "closed, they are gone from the world");
    }

    @Test
    void at_least_45_io_cases_need_no_kernel_and_each_that_does_says_why() {
        List<Case> io = IoTck.ioCases();
        long anyDriver = io.stream().filter(c -> c.kernelOnly() == null).count();
        assertTrue(anyDriver >= 45, "only " + anyDriver + " of " + io.size() + " I/O cases run without a kernel");
        for (Case c : io) {
            assertTrue(c.kernelOnly() == null || !c.kernelOnly().isBlank(), c.name() + ": kernel-only without a reason");
        }
    }

    private static Stream<DynamicNode> onMemory(String backend) {
        MemoryWorld world = MemoryWorld.create();
        return IoTck.ioSuite(backend + "+memory", () -> Io.open(backend, IoOptions.defaults().driver(world)));
    }
}
