package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.diagnostics.TaskDump;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Dzsync.taskDump.signal=USR1}: a signal to the process writes the dump of every open Io. */
class TaskDumpSignalTest {

    @Test
    void dump_is_written_to_the_configured_file_when_the_process_gets_the_signal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tasks.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dzsync.taskDump.signal=USR1", "-Dzsync.taskDump.file=" + file, WaitingProgram.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("waiting", out.readLine());
                Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(child.pid())).start();
                assertEquals(0, kill.waitFor());
                assertEquals("dumped", out.readLine());
            });
            String dump = Files.readString(file);
            assertTrue(dump.contains("zsync task dump of 'virtual'"), dump);
            assertTrue(dump.contains("waiting in Event.await at " + WaitingProgram.class.getName()), dump);
        } finally {
            child.destroyForcibly();
        }
    }

    /** Opens an Io with one task waiting, says so, and says so again once the dump file shows that task. */
    static final class WaitingProgram {

        public static void main(String[] args) throws Exception {
            Path file = Path.of(System.getProperty("zsync.taskDump.file"));
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            try (Io io = Io.open("virtual"); WatchService watch = file.getFileSystem().newWatchService()) {
                file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                Event never = io.event();
                Future<Void, RuntimeException> waiter = io.concurrent(() -> never.await());
                while (TaskDump.of(io).tasks().stream().noneMatch(TaskDump.Task::isWaiting)) {
                    Thread.onSpinWait();
                }
                out.println("waiting");
                while (!(Files.exists(file) && Files.readString(file).contains("Event.await"))) {
                    WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                }
                out.println("dumped");
                waiter.close();
            }
        }
    }
}
