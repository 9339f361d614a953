package io.zsync.examples.fileserver;

import java.util.Locale;

/**
 * The file server's progress line, written every interval while requests come: the totals, and
 * what came since the line before. Used by one task at a time (the reporter, then the closer).
 */
final class Progress {

    private static final double MIB = 1024.0 * 1024.0;

    private final AccessLog log;
    private long lastRequests;
    private long lastBytes;

    Progress(AccessLog log) {
        this.log = log;
    }

    /** The line for the requests answered since the last call, or {@code null} if there were none. */
    String sinceLast(double seconds) {
        long requests = log.requests();
        long bytes = log.bytes();
        if (requests == lastRequests) {
            return null;
        }
        String line = String.format(Locale.ROOT, "progress: %d requests, %.1f MiB sent (+%d requests, %.1f MiB/s)",
                requests, bytes / MIB, requests - lastRequests, (bytes - lastBytes) / MIB / seconds);
        lastRequests = requests;
        lastBytes = bytes;
        return line;
    }

    /** The totals, for the last line. */
    String totals() {
        return String.format(Locale.ROOT, "stopped: %d requests served, %.1f MiB sent", log.requests(), log.bytes() / MIB);
    }
}
