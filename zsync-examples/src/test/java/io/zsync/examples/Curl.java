package io.zsync.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's {@code curl}, a client that is not zsync's. Without it a test fails when
 * {@code CI} is set (.ci/run installs it) and is skipped otherwise.
 */
public final class Curl {

    private static final long TIMEOUT_SECONDS = 30;

    private Curl() {
    }

    /** Fails or skips the calling test, as the class doc says, when curl is not installed. */
    public static void require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "curl"))) {
                return;
            }
        }
        String why = "curl is not on the PATH; install it (apt-get install -y curl), as .ci/run does";
        if (System.getenv("CI") != null) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    /** Runs {@code curl -s --max-time 20 ARGS...}, which must exit 0; returns its standard output. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "20"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        curl.getOutputStream().close();
        byte[] out = curl.getInputStream().readAllBytes();
        if (!curl.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            fail("curl did not end within " + TIMEOUT_SECONDS + " s: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, curl.exitValue(), () -> "curl failed: " + command + "\n" + text);
        return text;
    }
}
