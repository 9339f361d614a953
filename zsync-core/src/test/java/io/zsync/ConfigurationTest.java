package io.zsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.diagnostics.Leaks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A bad setting fails every {@link Io#open} with the same clear error, and a failed open leaves
 * nothing behind: no thread, no descriptor.
 */
class ConfigurationTest {

    private static final int ATTEMPTS = 20;

    @Test
    void aBadAsyncTraceFailsEveryOpenAndStartsNoBackend() throws Exception {
        assertEveryOpenFailsCleanly("zsync.asyncTrace", "sideways", "-Dzsync.asyncTrace must be off, cached or full");
    }

    @Test
    void aBadTaskDumpSignalFailsEveryOpenAndStartsNoBackend() throws Exception {
        assertEveryOpenFailsCleanly("zsync.taskDump.signal", "NOSUCHSIGNAL", "-Dzsync.taskDump.signal=NOSUCHSIGNAL cannot be used");
    }

    @Test
    void aBadLoopCountFailsEveryOpenAndStartsNoBackend() throws Exception {
        assertEveryOpenFailsCleanly("zsync.evented.loops", "0", "-Dzsync.evented.loops must be a whole number from 1 to 1024");
    }

    @Test
    void anOptionTheBackendDoesNotTakeFailsEveryOpenAndStartsNoBackend() throws Exception {
        assertEveryOpenFailsCleanly(() -> Io.open("evented", IoOptions.defaults().threads(8)).close(),
                "the evented backend has no option 'threads'");
    }

    @Test
    void aBadLeakLevelFailsEveryOpenWithTheSameClearError() throws Exception {
        // The level is read once per JVM, so the bad one is set in a JVM of its own.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dzsync.leaks=loud", OpenThreeTimes.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            String out = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, child.waitFor(), out);
            List<String> lines = out.lines().toList();
            assertEquals(4, lines.size(), out);
            for (String line : lines) {
                assertEquals("java.lang.IllegalArgumentException: -Dzsync.leaks=loud is not a leak detection level;"
                        + " use off, sample (the default) or paranoid", line);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    /** Opens an Io three times and asks for the leak level once, printing what each threw. */
    static final class OpenThreeTimes {

        public static void main(String[] args) {
            for (int i = 0; i < 3; i++) {
                try (Io io = Io.open("evented")) {
                    System.out.println("opened " + io);
                } catch (Throwable e) {
                    System.out.println(e);
                }
            }
            try {
                System.out.println("level " + Leaks.level());
            } catch (Throwable e) {
                System.out.println(e);
            }
        }
    }

    private static void assertEveryOpenFailsCleanly(String property, String value, String message) throws Exception {
        String before = System.getProperty(property);
        System.setProperty(property, value);
        try {
            assertEveryOpenFailsCleanly(() -> Io.open("evented").close(), message);
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
        try (Io io = Io.open("evented")) {
            assertEquals(42, (int) io.async(() -> 42).await(), "once the setting is fixed, an Io opens");
        }
    }

    private static void assertEveryOpenFailsCleanly(Executable open, String message) throws Exception {
        Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "counting open descriptors needs /proc/self/fd");
        // The first attempt loads the classes of the failure path, whose jars the JDK keeps open.
        assertOpenFails(open, message);
        Set<Thread> threadsBefore = zsyncThreads();
        long descriptorsBefore = count(descriptors);
        for (int i = 0; i < ATTEMPTS; i++) {
            assertOpenFails(open, message);
        }
        Set<Thread> started = zsyncThreads();
        started.removeAll(threadsBefore);
        assertEquals(Set.of(), started, "threads the failed opens left");
        assertEquals(descriptorsBefore, count(descriptors), "descriptors the failed opens left");
    }

    private static void assertOpenFails(Executable open, String message) {
        var e = assertThrows(IllegalArgumentException.class, open);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private static Set<Thread> zsyncThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("zsync"))
                .collect(Collectors.toSet());
    }

    private static long count(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
    }
}
