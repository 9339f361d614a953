package io.zsync.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The default listen backlog: the system's maximum where it says, else the fallback. */
class SystemBacklogTest {

    @Test
    void onLinuxTheDefaultIsSomaxconn() throws Exception {
        Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
        assumeTrue(Files.isReadable(somaxconn), "needs Linux's /proc/sys/net/core/somaxconn");
        int expected = Integer.parseInt(Files.readAllLines(somaxconn).get(0).strip());
        assertEquals(expected, SystemBacklog.maximum());
        assertEquals(expected, Net.DEFAULT_BACKLOG);
    }

    @Test
    void whatIsNotAPositiveNumberGivesTheFallback() {
        assertEquals(4096, Net.FALLBACK_BACKLOG);
        assertEquals(Net.FALLBACK_BACKLOG, SystemBacklog.parse(null));
        assertEquals(Net.FALLBACK_BACKLOG, SystemBacklog.parse(""));
        assertEquals(Net.FALLBACK_BACKLOG, SystemBacklog.parse("many"));
        assertEquals(Net.FALLBACK_BACKLOG, SystemBacklog.parse("0"));
        assertEquals(Net.FALLBACK_BACKLOG, SystemBacklog.parse("-1"));
        assertEquals(128, SystemBacklog.parse("128\n"));
        assertEquals(65535, SystemBacklog.parse(" 65535 "));
    }
}
