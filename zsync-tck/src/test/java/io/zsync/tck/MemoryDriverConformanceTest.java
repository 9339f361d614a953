package io.zsync.tck;

import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.spi.kit.memory.MemoryWorld;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
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

    private static Stream<DynamicNode> onMemory(String backend) {
        MemoryWorld world = MemoryWorld.create();
        return IoTck.ioSuite(backend + "+memory", () -> Io.open(backend, IoOptions.defaults().driver(world)));
    }
}
