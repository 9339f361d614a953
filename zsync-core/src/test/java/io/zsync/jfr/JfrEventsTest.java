package io.zsync.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.diagnostics.TaskDump;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The JFR events of zsync-core, recorded with jdk.jfr.Recording and read back with RecordingFile. */
class JfrEventsTest {

    private static final List<String> EVENTS = List.of("io.zsync.TaskSpawn", "io.zsync.TaskRun", "io.zsync.TaskCancel",
            "io.zsync.Await", "io.zsync.Contention", "io.zsync.IoOperation");
    private static final int CHILDREN = 5;

    @TempDir
    Path dir;

    static Stream<String> concurrentBackends() {
        return Io.backends().stream().filter(name -> !name.equals("blocking"));
    }

    /**
     * A root task: a group of children, a rendezvous (one side must wait), a task that ends only
     * once the root waits for it, a canceled sleeper.
     */
    private static void workload(Io io) {
        try (Group<RuntimeException> group = io.group()) {
            for (int i = 0; i < CHILDREN; i++) {
                group.async(io::yieldNow);
            }
            group.await();
        }
        Queue<Integer> rendezvous = io.queue(0);
        Future<Void, RuntimeException> giver = io.concurrent(() -> rendezvous.put(1));
        rendezvous.get();
        giver.await();
        Future<Void, RuntimeException> awaited = io.concurrent(() -> {
            while (TaskDump.of(io).tasks().stream().noneMatch(t -> "Future.await".equals(t.waitingIn()))) {
                io.yieldNow();
            }
        });
        awaited.await();
        Future<Void, RuntimeException> sleeper = io.concurrent(() -> io.sleep(Duration.ofHours(1)));
        try {
            sleeper.cancel();
        } catch (CanceledException expected) {
            // the hour-long sleep stopped at its cancellation point
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("concurrentBackends")
    void jfr_records_spawn_run_cancel_await_and_contention_of_every_task(String backend) throws Exception {
        List<RecordedEvent> events = record(() -> {
            try (Io io = Io.open(backend)) {
                io.async(() -> workload(io)).await();
            }
        });
        List<RecordedEvent> spawns = named(events, "io.zsync.TaskSpawn");
        int tasks = 1 + CHILDREN + 3;   // root, children, giver, awaited, sleeper
        assertEquals(tasks, spawns.size(), () -> describe(events));
        assertEquals(tasks, named(events, "io.zsync.TaskRun").size(), () -> describe(events));

        Set<Long> ids = spawns.stream().map(e -> e.getLong("taskId")).collect(Collectors.toSet());
        assertEquals(tasks, ids.size(), "every task has its own id");
        RecordedEvent root = only(spawns, e -> e.getLong("parentTaskId") == 0);
        long rootId = root.getLong("taskId");
        assertEquals(tasks - 1, spawns.stream().filter(e -> e.getLong("parentTaskId") == rootId).count(),
                "the root spawned every other task");
        for (RecordedEvent spawn : spawns) {
            assertTrue(spawn.getString("spawnSite").startsWith(JfrEventsTest.class.getName() + "."), spawn::toString);
            assertTrue(spawn.getStackTrace().getFrames().stream()
                    .anyMatch(f -> f.getMethod().getType().getName().equals(JfrEventsTest.class.getName())),
                    "the stack trace shows the spawn site");
            assertEquals(backend, spawn.getString("backend"));
        }
        Map<Long, String> outcomes = named(events, "io.zsync.TaskRun").stream()
                .collect(Collectors.toMap(e -> e.getLong("taskId"), e -> e.getString("outcome")));
        assertEquals(ids, outcomes.keySet(), "a run event per spawned task");
        assertEquals(1, outcomes.values().stream().filter("canceled"::equals).count(), outcomes::toString);

        RecordedEvent cancel = only(named(events, "io.zsync.TaskCancel"), e -> true);
        assertEquals(rootId, cancel.getLong("requesterTaskId"));
        assertEquals("canceled", outcomes.get(cancel.getLong("taskId")));

        List<RecordedEvent> contention = named(events, "io.zsync.Contention");
        assertEquals(1, contention.size(), "a rendezvous makes exactly one side wait: " + describe(events));
        assertEquals("Queue", contention.get(0).getString("primitive"));
        assertTrue(contention.get(0).getString("createdAt").startsWith(JfrEventsTest.class.getName() + ".workload("),
                contention.get(0)::toString);
        assertTrue(contention.get(0).getString("waitedAt").startsWith(JfrEventsTest.class.getName() + "."),
                contention.get(0)::toString);
        assertEquals("granted", contention.get(0).getString("outcome"));
        assertTrue(ids.contains(contention.get(0).getLong("waiterTaskId")));

        // Only waits that waited are recorded: the awaited task ends only once the root waits for it.
        assertTrue(named(events, "io.zsync.Await").stream()
                .anyMatch(e -> e.getString("awaited").equals("Future") && e.getLong("waiterTaskId") == rootId
                        && ids.contains(e.getLong("awaitedTaskId"))),
                () -> "the root waited for a task of its own: " + describe(events));
    }

    @Test
    void jfr_records_file_reads_and_writes_through_reader_and_writer_as_io_operations() throws Exception {
        Path file = dir.resolve("data");
        byte[] data = "hello, file".getBytes(StandardCharsets.UTF_8);
        List<RecordedEvent> events = record(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    Writer out = Writer.of(channel, 64)) {
                out.write(data);
            }
            try (FileChannel channel = FileChannel.open(file); Reader in = Reader.ofFile(channel, 0, 64)) {
                in.take(data.length);
            }
        });
        List<RecordedEvent> io = named(events, "io.zsync.IoOperation");
        assertTrue(io.stream().anyMatch(e -> e.getString("kind").equals("write") && e.getString("target").equals("file")
                && e.getLong("bytes") == data.length), () -> describe(events));
        assertTrue(io.stream().anyMatch(e -> e.getString("kind").equals("read") && e.getString("target").equals("file")
                && e.getLong("bytes") == data.length), () -> describe(events));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("concurrentBackends")
    void jfr_records_socket_reads_and_writes_through_reader_and_writer_as_io_operations(String backend) throws Exception {
        byte[] line = "hello, socket\n".getBytes(StandardCharsets.UTF_8);
        List<RecordedEvent> events = record(() -> {
            try (Io io = Io.open(backend); Listener listener = io.net().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                io.async(() -> {
                    Future<Void, IOException> server = io.concurrent(() -> {
                        try (Connection c = listener.accept()) {
                            c.writer().write(line);
                            c.writer().flush();
                        }
                    });
                    try (Connection c = io.net().connect(listener.localAddress())) {
                        c.reader().takeDelimiterInclusive('\n', 64);
                    }
                    server.await();
                    return null;
                }).await();
            }
        });
        List<RecordedEvent> io = named(events, "io.zsync.IoOperation");
        assertTrue(io.stream().anyMatch(e -> e.getString("kind").equals("write") && e.getString("target").equals("socket")
                && e.getLong("bytes") == line.length), () -> describe(events));
        assertTrue(io.stream().anyMatch(e -> e.getString("kind").equals("read") && e.getString("target").equals("socket")
                && e.getLong("bytes") == line.length), () -> describe(events));
    }

    interface Workload {
        void run() throws Exception;
    }

    /** Runs {@code workload} under a recording of every zsync event, thresholds at zero, and reads it back. */
    private List<RecordedEvent> record(Workload workload) throws Exception {
        Path jfr = Files.createTempFile(dir, "zsync", ".jfr");
        try (Recording recording = new Recording()) {
            for (String name : EVENTS) {
                recording.enable(name).withThreshold(Duration.ZERO).withStackTrace();
            }
            recording.start();
            workload.run();
            recording.stop();
            recording.dump(jfr);
        }
        return RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.zsync."))
                .toList();
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    private static RecordedEvent only(List<RecordedEvent> events, Predicate<RecordedEvent> which) {
        List<RecordedEvent> matching = events.stream().filter(which).toList();
        assertEquals(1, matching.size(), () -> describe(events));
        return matching.get(0);
    }

    private static String describe(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getEventType().getName() + " " + e.getFields().stream()
                .filter(f -> !f.getName().equals("stackTrace") && !f.getName().equals("eventThread"))
                .map(f -> f.getName() + "=" + e.getValue(f.getName())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n", "\n", ""));
    }
}
