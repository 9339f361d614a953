package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferBenchTest {

    @Test
    void sendfile_reports_every_contender_against_transferto_raw_with_progress() throws Exception {
        List<String> progress = new ArrayList<>();
        BenchReport report = new TransferBench(1, 4L << 20, 1L << 20).sendFile(progress::add);

        assertEquals(List.of("sendfile", "transferto-raw", "heap-copy"),
                report.results().stream().map(Measurement::name).toList());
        assertEquals("transferto-raw", report.baseline());
        assertTrue(report.higherIsBetter());
        assertTrue(report.results().stream().allMatch(m -> m.value() > 0 && m.unit().equals("MiB/s")));
        assertEquals(6, progress.size(), "a warm-up and a measured line per contender: " + progress);
    }

    @Test
    void drain_reports_gathered_against_one_drain_per_buffer() throws Exception {
        BenchReport report = new TransferBench(1, 1L << 20, 1L << 20).drain(line -> { });

        assertEquals(List.of("drain-gathered", "drain-per-buffer"),
                report.results().stream().map(Measurement::name).toList());
        assertEquals("drain-per-buffer", report.baseline());
    }
}
