package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Mutex;
import java.io.IOException;
import io.zsync.fs.File;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without a recording, zsync does not start JFR's machinery (registering a periodic event or
 * initialising an event class does): tens of milliseconds that every program's first {@code Io}
 * would pay.
 */
class JfrStartupCostTest {

    @Test
    void jfr_machinery_stays_unstarted_while_nothing_records() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-verbose:class",
                Workload.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        assertTrue(output.contains("workload done"), output);
        List<String> started = output.lines().filter(line -> line.contains(" jdk.jfr.internal.MetadataRepository ")).toList();
        assertEquals(List.of(), started, "JFR's event metadata was set up without a recording");
    }

    /** Spawns, awaits, contends on a mutex, and writes and reads a file through the Io. */
    static final class Workload {

        public static void main(String[] args) throws IOException {
            try (Io io = Io.open("virtual")) {
                Mutex mutex = io.mutex();
                mutex.lock();
                Future<Void, RuntimeException> waiter = io.concurrent(() -> {
                    mutex.lock();
                    mutex.unlock();
                });
                mutex.unlock();
                waiter.await();
                Path file = io.fs().createTempFile("zsync-jfr-startup", ".txt");
                try {
                    try (File out = io.fs().create(file, StandardOpenOption.TRUNCATE_EXISTING); Writer writer = out.writer(64)) {
                        writer.print("hello");
                        writer.flush();
                    }
                    try (File in = io.fs().open(file); Reader reader = in.reader(64)) {
                        assertEquals((byte) 'h', reader.peek(1).get());
                    }
                } finally {
                    io.fs().delete(file);
                }
            }
            System.out.println("workload done");
        }
    }
}
