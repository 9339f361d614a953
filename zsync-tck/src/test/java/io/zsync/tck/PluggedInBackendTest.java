package io.zsync.tck;

import io.zsync.Io;
import io.zsync.spi.Backend;
import io.zsync.spi.IoProvider;
import io.zsync.spi.Job;
import io.zsync.spi.kit.ThreadBackend;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * A backend written against the public SPI only, registered in this module's test
 * {@code META-INF/services}, found by {@link Io#open(String)} and held to the whole suite: proof
 * that a third party can plug one in.
 */
class PluggedInBackendTest {

    @TestFactory
    Stream<DynamicNode> conformance() {
        return IoTck.suite(PlatformThreadPerTask.NAME, () -> Io.open(PlatformThreadPerTask.NAME));
    }

    /** Starts every task on a new platform thread. */
    public static final class Provider implements IoProvider {

        @Override
        public String name() {
            return PlatformThreadPerTask.NAME;
        }

        @Override
        public Backend create() {
            return new PlatformThreadPerTask();
        }
    }

    static final class PlatformThreadPerTask extends ThreadBackend {

        static final String NAME = "platform-thread-per-task";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean hasConcurrency() {
            return true;
        }

        @Override
        public boolean tryStart(Job job) {
            Thread.ofPlatform().daemon().start(() -> {
                runTask(job);
                job.publish();
            });
            return true;
        }
    }
}
