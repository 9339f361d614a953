package io.zsync.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The largest listen backlog the system grants, for {@link Net#DEFAULT_BACKLOG}. Asking for more
 * than that is harmless (the kernel caps it), asking for less refuses bursts of connections.
 */
final class SystemBacklog {

    private static final Path LINUX_SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    private SystemBacklog() {}

    /** The system's maximum, or {@link Net#FALLBACK_BACKLOG} where it does not say. */
    static int maximum() {
        return parse(read(LINUX_SOMAXCONN));
    }

    /**
     * The first line of {@code file}, or {@code null} if it cannot be read. Read as a stream, as
     * Netty does: a {@code /proc} file reports a size of 0, and {@code Files.readString} has been
     * seen to return only its first byte ("4" of "4096").
     */
    private static String read(Path file) {
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            return lines.readLine();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The backlog {@code somaxconn} says, or the fallback if it is missing or not a positive number. */
    static int parse(String somaxconn) {
        if (somaxconn != null) {
            try {
                int maximum = Integer.parseInt(somaxconn.strip());
                if (maximum > 0) {
                    return maximum;
                }
            } catch (NumberFormatException notANumber) {
                // the fallback
            }
        }
        return Net.FALLBACK_BACKLOG;
    }
}
