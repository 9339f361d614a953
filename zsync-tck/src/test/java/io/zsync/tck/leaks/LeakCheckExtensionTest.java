package io.zsync.tck.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.zsync.tck.leaks.SourceLines.here;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.zsync.Io;
import io.zsync.junit.ExpectLeaks;
import io.zsync.junit.LeakCheck;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The JUnit extension, on tests planted with leaks and run through a launcher of their own: a
 * test (or a dynamic test) that leaks fails with the report; one marked {@link ExpectLeaks} passes.
 */
class LeakCheckExtensionTest {

    private static volatile boolean launching;
    private static volatile int plantedLine;

    @Test
    void aTestThatLeaksAFutureFailsWithTheLeakReportNamingItsLine() {
        TestExecutionSummary summary = launch("leaksAFuture");
        assertEquals(1, summary.getTotalFailureCount(), () -> summary.getFailures().toString());
        String message = summary.getFailures().getFirst().getException().getMessage();
        assertTrue(message.startsWith("1 leak(s) in leaksAFuture()"), message);
        assertTrue(message.contains("LEAK: a Future never awaited, canceled nor closed"), message);
        assertTrue(message.contains("(LeakCheckExtensionTest.java:" + plantedLine + ")"), message);
    }

    @Test
    void aDynamicTestThatLeaksFailsOnItsOwn() {
        TestExecutionSummary summary = launch("dynamicTestsOneOfWhichLeaks");
        assertEquals(2, summary.getTestsSucceededCount(), () -> summary.getFailures().toString());
        assertEquals(1, summary.getTotalFailureCount(), () -> summary.getFailures().toString());
        String message = summary.getFailures().getFirst().getException().getMessage();
        assertTrue(message.startsWith("1 leak(s) in leaks"), message);
        assertTrue(message.contains("(LeakCheckExtensionTest.java:" + plantedLine + ")"), message);
    }

    @Test
    void aTestMarkedExpectLeaksPassesThoughItLeaks() {
        TestExecutionSummary summary = launch("leaksOnPurpose");
        assertEquals(1, summary.getTestsSucceededCount(), () -> summary.getFailures().toString());
        assertEquals(0, summary.getTotalFailureCount(), () -> summary.getFailures().toString());
    }

    /** Runs one test of {@link Planted}, with LeakCheck registered by {@code @ExtendWith} only. */
    private static TestExecutionSummary launch(String method) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(Planted.class, method))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launching = true;
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            launching = false;
        }
        return listener.getSummary();
    }

    static boolean launchedByTheTestsAbove() {
        return launching;
    }

    /** Tests that leak, run only through {@link #launch}. */
    @ExtendWith(LeakCheck.class)
    @EnabledIf("io.zsync.tck.leaks.LeakCheckExtensionTest#launchedByTheTestsAbove")
    static class Planted {

        @Test
        void leaksAFuture() {
            try (Io io = Io.open("virtual")) {
                plant(io);
            }
        }

        @Test
        @ExpectLeaks("it checks that a test marked so passes")
        void leaksOnPurpose() {
            try (Io io = Io.open("virtual")) {
                plant(io);
            }
        }

        @TestFactory
        Stream<DynamicTest> dynamicTestsOneOfWhichLeaks() {
            return Stream.of("clean", "leaks", "clean too").map(name -> DynamicTest.dynamicTest(name, () -> {
                try (Io io = Io.open("virtual")) {
                    if (name.equals("leaks")) {
                        plant(io);
                    } else {
                        assertEquals(name, io.async(() -> name).await());
                    }
                }
            }));
        }

        private static void plant(Io io) {
            plantedLine = here(); io.async(() -> 1);
        }
    }
}
