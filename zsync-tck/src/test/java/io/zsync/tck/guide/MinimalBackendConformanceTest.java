package io.zsync.tck.guide;

import io.zsync.Io;
import io.zsync.tck.IoTck;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The guide's backend, found by name through its provider and held to the whole suite: proof that
 * a backend written against the public SPI alone plugs in (docs/backend-guide.md shows this class
 * from here down).
 */
class MinimalBackendConformanceTest {

    @TestFactory
    Stream<DynamicNode> conformance() {
        return IoTck.suite(MinimalProvider.NAME, () -> Io.open(MinimalProvider.NAME));
    }
}
