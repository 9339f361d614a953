package io.zsync.tck.leaks;

import static io.zsync.tck.leaks.SourceLines.here;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.AsyncStackTrace;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.diagnostics.Leak;
import io.zsync.diagnostics.LeakWatch;
import io.zsync.diagnostics.Leaks;
import io.zsync.fs.File;
import io.zsync.net.Listener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Planted leaks, one per kind, on every backend that can plant it: each must be reported with the
 * file and line that made the leaked object and the spawn chain of the task that made it. The
 * suite runs with {@code -Dzsync.leaks=paranoid}; each test checks its own leaks through a
 * {@link LeakWatch}, which claims them from the JUnit extension.
 */
class LeakDetectionTest {

    private static final String FILE = "LeakDetectionTest.java";

    /** Made before any watch opened, so that no watch claims its leak: the sink gets it. */
    private static Future<Integer, RuntimeException> madeBeforeAnyWatch;
    private static int madeBeforeAnyWatchAt;

    @BeforeAll
    static void everythingIsTracked() {
        assertEquals(Leaks.Level.PARANOID, Leaks.level(), "the build runs tests with -Dzsync.leaks=paranoid");
        try (Io io = Io.open("blocking")) {
            madeBeforeAnyWatchAt = here(); madeBeforeAnyWatch = io.async(() -> 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "threaded", "virtual", "evented"})
    void aFutureNeverAwaitedIsReportedAsALeakWithItsSiteAndSpawnChain(String backend) throws Exception {
        Planted planted = plantInTask(backend, io -> {
            int line = here(); io.async(() -> 42);
            return line;
        });
        assertOneLeak(planted.leaks(), Leak.Kind.FUTURE, planted.madeAt(), planted.spawnedAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "threaded", "virtual", "evented"})
    void aGroupNeverClosedIsReportedAsALeakWithItsSiteAndSpawnChain(String backend) throws Exception {
        Planted planted = plantInTask(backend, io -> {
            int line = here(); Group<RuntimeException> forgotten = io.group();
            forgotten.async(() -> {});
            return line;
        });
        assertOneLeak(planted.leaks(), Leak.Kind.GROUP, planted.madeAt(), planted.spawnedAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "threaded", "virtual", "evented"})
    void aFileNeverClosedIsReportedAsAResourceLeakWithItsSiteAndSpawnChain(String backend, @TempDir Path dir) throws Exception {
        Path path = dir.resolve("leaked");
        File[] leaked = new File[1];
        Planted planted = plantInTask(backend, io -> {
            int line = here(); leaked[0] = io.fs().create(path);
            return line;
        });
        leaked[0].close();
        assertOneLeak(planted.leaks(), Leak.Kind.RESOURCE, planted.madeAt(), planted.spawnedAt());
        assertTrue(planted.leaks().getFirst().what().contains(path.toString()), planted.leaks()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "threaded", "virtual", "evented"})
    void aListenerNeverClosedIsReportedAsAResourceLeakWithItsSiteAndSpawnChain(String backend) throws Exception {
        InetSocketAddress anyPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        Listener[] leaked = new Listener[1];
        Planted planted = plantInTask(backend, io -> {
            int line = here(); leaked[0] = io.net().listen(anyPort);
            return line;
        });
        leaked[0].close();
        assertOneLeak(planted.leaks(), Leak.Kind.RESOURCE, planted.madeAt(), planted.spawnedAt());
    }

    @Test
    void aTaskAbandonedSuspendedWhenEventedClosesIsReportedAsAFrameLeakWithItsSiteAndSpawnChain() throws Exception {
        int[] lines = new int[2];
        List<Leak> leaks;
        try (LeakWatch watch = Leaks.watch()) {
            Io io = Io.open("evented");
            lines[0] = here(); io.concurrent(() -> {
                lines[1] = here(); Future<Void, RuntimeException> sleeper = io.concurrent(() -> io.sleep(Duration.ofDays(1)));
                return sleeper;
            }).await();
            io.close();
            leaks = watch.check();
        }
        // The sleeper's future is never awaited either: that is the second leak.
        assertEquals(2, leaks.size(), leaks::toString);
        assertEquals(1, leaks.stream().filter(l -> l.kind() == Leak.Kind.FUTURE).count(), leaks::toString);
        assertOneLeak(leaks.stream().filter(l -> l.kind() == Leak.Kind.FRAME).toList(), Leak.Kind.FRAME, lines[1], lines[0]);
    }

    @Test
    void cleanCodeOnEveryBackendReportsNoLeak(@TempDir Path dir) throws Exception {
        long before = Leaks.reported();
        for (String backend : List.of("blocking", "threaded", "virtual", "evented")) {
            try (Io io = Io.open(backend); LeakWatch watch = Leaks.watch()) {
                io.async(() -> {
                    try (Group<Exception> group = io.group()) {
                        group.async(() -> Files.writeString(dir.resolve(backend), backend));
                        group.await();
                    }
                    try (File file = io.fs().open(dir.resolve(backend))) {
                        assertEquals(backend.length(), file.size());
                    }
                    try (Future<Integer, RuntimeException> closedUnawaited = io.async(() -> 1)) {
                        assertNotNull(closedUnawaited);
                    }
                    io.async(() -> 2).cancel();
                }).await();
                assertEquals(List.of(), watch.check(), backend);
            }
        }
        assertEquals(before, Leaks.reported());
    }

    @Test
    void aFutureThatBecomesUnreachableIsReportedAsALeakByTheCollectorWithoutACheck() throws Exception {
        try (Io io = Io.open("blocking"); LeakWatch watch = Leaks.watch()) {
            long before = Leaks.reported();
            int line = dropFuture(io);
            UnreachableLeaks.awaitReported(() -> Leaks.reported() > before);
            List<Leak> leaks = watch.check();
            assertOneLeak(leaks, Leak.Kind.FUTURE, line, -1);
        }
    }

    /** Plants a leak: made by a task on the line it returns. */
    @FunctionalInterface
    private interface Plant {
        /** Suspendable: it runs in a task, and on evented what it plants suspends (io.fs() calls do). */
        @io.zsync.coroutine.Suspendable
        int plant(Io io) throws Exception;
    }

    /** The leaks found after a plant, the line that made the leaked object, and the line that spawned the task that made it. */
    private record Planted(List<Leak> leaks, int madeAt, int spawnedAt) {}

    /** Runs {@code plant} in a task on a fresh {@code backend}, and checks for leaks once the task has ended. */
    private static Planted plantInTask(String backend, Plant plant) throws Exception {
        int[] lines = new int[2];
        try (Io io = Io.open(backend); LeakWatch watch = Leaks.watch()) {
            lines[0] = here(); io.async(() -> {
                lines[1] = plant.plant(io);
            }).await();
            return new Planted(watch.check(), lines[1], lines[0]);
        }
    }

    @Test
    void aLeakNoWatchClaimsGoesToTheSink() {
        BlockingQueue<Leak> sunk = new LinkedBlockingQueue<>();
        Leaks.sink(sunk::add);
        try {
            assertNotNull(madeBeforeAnyWatch);
            madeBeforeAnyWatch = null;
            UnreachableLeaks.awaitReported(() -> !sunk.isEmpty());
        } finally {
            Leaks.sink(null);
        }
        assertOneLeak(List.copyOf(sunk), Leak.Kind.FUTURE, madeBeforeAnyWatchAt, -1);
    }

    private static int dropFuture(Io io) {
        int line = here(); io.async(() -> 1);
        return line;
    }

    /**
     * Exactly one leak, of {@code kind}, made at line {@code madeAt} of this file, by a task
     * spawned at line {@code spawnedAt} (or, for {@code -1}, outside any task).
     */
    private static void assertOneLeak(List<Leak> leaks, Leak.Kind kind, int madeAt, int spawnedAt) {
        assertEquals(1, leaks.size(), leaks::toString);
        Leak leak = leaks.getFirst();
        assertEquals(kind, leak.kind(), leak::toString);
        assertEquals(FILE + ":" + madeAt, fileAndLine(leak.site()[0]), leak::toString);
        assertTrue(leak.toString().contains("(" + FILE + ":" + madeAt + ")"), leak::toString);
        AsyncStackTrace chain = leak.spawnChain();
        if (spawnedAt < 0) {
            assertNull(chain, leak::toString);
            return;
        }
        assertNotNull(chain, leak::toString);
        assertEquals(FILE + ":" + spawnedAt, fileAndLine(chain.getStackTrace()[0]), leak::toString);
        assertTrue(leak.toString().contains("made in a task spawned at\n\tat " + chain.getStackTrace()[0]), leak::toString);
    }

    private static String fileAndLine(StackTraceElement frame) {
        return frame.getFileName() + ":" + frame.getLineNumber();
    }
}
