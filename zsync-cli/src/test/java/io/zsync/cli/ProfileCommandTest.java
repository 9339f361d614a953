package io.zsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/** {@code zsync profile}: the demo profiled once, then each output checked. */
class ProfileCommandTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path dir;
    private static Path out;
    private static String stderr;

    private record Run(int exit, String out, String err) {}

    private static Run zsync(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void profileTheDemo() {
        out = dir.resolve("profile");
        Run run = zsync("profile", "--out", out.toString(), "demo");
        assertEquals(0, run.exit(), run::err);
        assertTrue(run.out().contains("== evented =="), "the demo ran and printed as usual:\n" + run.out());
        stderr = run.err();
    }

    @Test
    void profile_writes_a_recording_with_the_zsync_events_and_says_so_on_stderr() throws Exception {
        Path jfr = out.resolve(ProfileCommand.RECORDING);
        assertTrue(RecordingFile.readAllEvents(jfr).stream()
                .anyMatch(e -> e.getEventType().getName().equals("io.zsync.TaskSpawn")));
        for (String file : List.of(ProfileCommand.RECORDING, ProfileCommand.FLAME_GRAPH, ProfileCommand.ASYNC_TIMING,
                ProfileCommand.CONTENTION)) {
            assertTrue(stderr.contains("wrote " + out.resolve(file)), stderr);
        }
    }

    @Test
    void jfr_recording_of_the_demo_counts_each_backend_s_tasks_by_spawn_site_and_the_canceled_sleepers() throws Exception {
        List<RecordedEvent> events = RecordingFile.readAllEvents(out.resolve(ProfileCommand.RECORDING));
        List<RecordedEvent> spawns = events.stream().filter(e -> e.getEventType().getName().equals("io.zsync.TaskSpawn")).toList();
        Map<String, Map<String, Long>> byBackendAndStep = spawns.stream().collect(Collectors.groupingBy(
                e -> e.getString("backend"), TreeMap::new,
                Collectors.groupingBy(e -> tourStep(e.getString("spawnSite")), TreeMap::new, Collectors.counting())));
        Map<String, Long> concurrent = Map.of("fanOut", 8L, "race", 2L, "cancel", 1L, "pipeline", 1L, "sharedLock", 4L);
        Map<String, Long> inline = Map.of("fanOut", 8L, "race", 2L, "sharedLock", 4L);  // concurrent() is refused
        assertEquals(Map.of("blocking", inline, "threaded", concurrent, "virtual", concurrent, "evented", concurrent),
                byBackendAndStep, "spawns per backend and demo step");

        Set<Long> spawned = spawns.stream().map(e -> e.getLong("taskId")).collect(Collectors.toSet());
        Set<Long> ran = events.stream().filter(e -> e.getEventType().getName().equals("io.zsync.TaskRun"))
                .map(e -> e.getLong("taskId")).collect(Collectors.toSet());
        assertEquals(spawned, ran, "a run event for every spawned task");

        Set<Long> sleepers = spawns.stream().filter(e -> tourStep(e.getString("spawnSite")).equals("cancel"))
                .map(e -> e.getLong("taskId")).collect(Collectors.toSet());
        assertEquals(3, events.stream().filter(e -> e.getEventType().getName().equals("io.zsync.TaskCancel"))
                .filter(e -> sleepers.contains(e.getLong("taskId"))).count(), "one cancel per hour-long sleeper");
    }

    /** {@code fanOut} for a spawn site {@code io.zsync.cli.Tour.fanOut(Tour.java:63)}. */
    private static String tourStep(String spawnSite) {
        String prefix = Tour.class.getName() + ".";
        assertTrue(spawnSite.startsWith(prefix), spawnSite);
        return spawnSite.substring(prefix.length(), spawnSite.indexOf('('));
    }

    @Test
    void profile_flame_graph_is_well_formed_self_contained_svg_naming_the_demo_spawn_sites() throws Exception {
        Path svg = out.resolve(ProfileCommand.FLAME_GRAPH);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(doc.getElementsByTagName("rect").getLength() > 2, "frames are drawn");
        String text = Files.readString(svg);
        for (String site : List.of("io.zsync.cli.Tour.fanOut(Tour.java:", "io.zsync.cli.Tour.race(Tour.java:",
                "io.zsync.cli.Tour.sharedLock(Tour.java:")) {
            assertTrue(text.contains(site), site + " in\n" + text);
        }
        assertTrue(!text.contains("<script") && !text.contains("href") && !text.contains("@import"),
                "nothing loaded from elsewhere");
    }

    @Test
    void profile_async_timing_gives_run_time_percentiles_per_spawn_site() throws Exception {
        String report = Files.readString(out.resolve(ProfileCommand.ASYNC_TIMING));
        assertTrue(report.contains("| spawn site | count | p50 ms | p90 ms | p99 ms | max ms | total ms |"), report);
        assertTrue(report.lines().anyMatch(line -> line.startsWith("| `io.zsync.cli.Tour.fanOut(Tour.java:")), report);
    }

    @Test
    void profile_contention_report_names_the_demo_mutex_and_who_waited_for_it() throws Exception {
        String report = Files.readString(out.resolve(ProfileCommand.CONTENTION));
        assertTrue(report.contains("Most contended: **"), report);
        assertTrue(report.contains("## Mutex created at io.zsync.cli.Tour.sharedLock(Tour.java:"), report);
        assertTrue(report.contains("- `io.zsync.cli.Tour.lambda$sharedLock$"), "the workers that waited:\n" + report);
    }

    @Test
    void profile_of_an_unknown_command_is_a_usage_error_naming_the_known_ones() {
        Run run = zsync("profile", "--out", dir.resolve("unknown").toString(), "nosuch");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown command 'nosuch'") && run.err().contains("demo"), run::err);
    }

    @Test
    void profile_into_a_directory_it_cannot_make_fails_clearly() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Run run = zsync("profile", "--out", file.resolve("sub").toString(), "demo");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("cannot write to " + file.resolve("sub")), run::err);
        assertTrue(!run.out().contains("=="), "the demo did not run");
    }

    @Test
    void profile_flame_graph_renders_in_headless_chromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM) && "1".equals(System.getenv("ZSYNC_REQUIRE_CHROMIUM"))) {
            fail("ZSYNC_REQUIRE_CHROMIUM=1 but " + CHROMIUM + " is missing: apt-get install chromium");
        }
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed (apt-get install chromium); skipping the"
                + " rendering check");
        Path png = dir.resolve("flamegraph.png");
        Path log = dir.resolve("chromium.log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"),
                "--screenshot=" + png, "--window-size=1200,800",
                out.resolve(ProfileCommand.FLAME_GRAPH).toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            fail("chromium did not finish: " + Files.readString(log));
        }
        assertTrue(Files.exists(png), () -> "no screenshot: " + readQuietly(log));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        long framePixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                int blue = rgb & 0xff;
                if (red >= 200 && blue < 60) {   // the warm colours of frames, not the pale background or text
                    framePixels++;
                }
            }
        }
        assertTrue(framePixels > 10_000, "the screenshot shows the flame graph's frames: " + framePixels + " frame pixels");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
