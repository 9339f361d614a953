package io.zsync.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program a test runs that is not ours (curl, nginx): found on the PATH, or the test is skipped
 * with the reason; under CI (env {@code CI} set), where {@code .ci/run} installs it, missing is a
 * failure instead.
 */
final class ExternalProgram {

    private static final long TIMEOUT_SECONDS = 60;

    private ExternalProgram() {
    }

    /** The program's path, or the test ends here (skipped, or failed under CI). */
    static Path require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String d : new String[] {dir, "/usr/sbin", "/sbin"}) {
                Path candidate = Path.of(d, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String why = name + " is not installed (apt-get install " + name + "); .ci/run installs it";
        if (System.getenv("CI") != null) {
            throw new AssertionError(why);
        }
        assumeTrue(false, why);
        return null;
    }

    /** Runs {@code command} to its end (bounded) and returns what it wrote to stdout; fails on a non-zero exit. */
    static byte[] run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(false).start();
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.transferTo(bytes);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(command + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command + " exited with " + process.exitValue() + ": "
                        + new String(err.readAllBytes()));
            }
            return bytes.toByteArray();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        } finally {
            process.destroyForcibly();
        }
    }
}
