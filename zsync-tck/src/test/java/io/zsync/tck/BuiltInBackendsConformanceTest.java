package io.zsync.tck;

import io.zsync.Io;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The conformance suite, once per backend that ships in zsync-core. */
class BuiltInBackendsConformanceTest {

    @TestFactory
    Stream<DynamicNode> blocking() {
        return IoTck.suite("blocking", () -> Io.open("blocking"));
    }

    @TestFactory
    Stream<DynamicNode> threaded() {
        return IoTck.suite("threaded", () -> Io.open("threaded"));
    }

    @TestFactory
    Stream<DynamicNode> virtual() {
        return IoTck.suite("virtual", () -> Io.open("virtual"));
    }

    @TestFactory
    Stream<DynamicNode> evented() {
        return IoTck.suite("evented", () -> Io.open("evented"));
    }
}
