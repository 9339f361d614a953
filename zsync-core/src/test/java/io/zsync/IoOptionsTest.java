package io.zsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.diagnostics.LeakWatch;
import io.zsync.diagnostics.Leaks;
import io.zsync.diagnostics.PoolMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link IoOptions}: values checked as they are set, naming the option and its range; an option set
 * wins over its system property, which wins over the built-in default; options a backend does not
 * take are refused by name. Tests that set a system property restore it.
 */
class IoOptionsTest {

    // ---- values -----------------------------------------------------------------------------

    @Test
    void counts_out_of_range_are_refused_naming_the_option_and_its_range() {
        assertRefused("threads must be from 1 to 65536, not 0", () -> IoOptions.defaults().threads(0));
        assertRefused("threads must be from 1 to 65536, not -1", () -> IoOptions.defaults().threads(-1));
        assertRefused("threads must be from 1 to 65536, not 65537", () -> IoOptions.defaults().threads(65_537));
        assertRefused("loops must be from 1 to 1024, not 0", () -> IoOptions.defaults().loops(0));
        assertRefused("loops must be from 1 to 1024, not 1025", () -> IoOptions.defaults().loops(1_025));
        assertRefused("blockingThreads must be from 1 to 65536, not 0", () -> IoOptions.defaults().blockingThreads(0));
        assertRefused("blockingThreads must be from 1 to 65536, not " + Integer.MAX_VALUE,
                () -> IoOptions.defaults().blockingThreads(Integer.MAX_VALUE));
        assertEquals(OptionalInt.of(65_536), IoOptions.defaults().threads(65_536).threads());
        assertEquals(OptionalInt.of(1), IoOptions.defaults().loops(1).loops());
    }

    @Test
    void a_stall_report_is_zero_or_from_a_millisecond_to_a_day() {
        assertRefused("stallReport must be zero (off) or from 1 ms to 1 day, not PT-1S",
                () -> IoOptions.defaults().stallReport(Duration.ofSeconds(-1)));
        assertRefused("stallReport must be zero (off) or from 1 ms to 1 day, not PT0.000001S",
                () -> IoOptions.defaults().stallReport(Duration.ofNanos(1_000)));
        assertRefused("stallReport must be zero (off) or from 1 ms to 1 day, not PT48H",
                () -> IoOptions.defaults().stallReport(Duration.ofDays(2)));
        assertEquals(Optional.of(Duration.ZERO), IoOptions.defaults().stallReport(Duration.ZERO).stallReport());
        assertEquals(Optional.of(Duration.ofDays(1)), IoOptions.defaults().stallReport(Duration.ofDays(1)).stallReport());
    }

    @Test
    void null_values_are_refused_saying_what_to_pass_instead() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> IoOptions.defaults().stallReport(null));
        assertEquals("stallReport is null; pass Duration.ZERO to turn the report off", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> IoOptions.defaults().asyncTrace(null));
        assertEquals("asyncTrace is null; pass AsyncStackTrace.Capture.OFF to capture nothing", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> IoOptions.defaults().leaks(null));
        assertEquals("leaks is null; pass Leaks.Level.OFF to track nothing", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> Io.open("virtual", null));
        assertEquals("options is null; pass IoOptions.defaults() to take every default", e.getMessage());
    }

    @Test
    void options_are_values_that_withers_never_change() {
        IoOptions defaults = IoOptions.defaults();
        IoOptions eight = defaults.threads(8);
        assertEquals(OptionalInt.empty(), defaults.threads(), "the receiver of a wither is unchanged");
        assertEquals("IoOptions[]", defaults.toString());
        assertEquals("IoOptions[threads=8, leaks=OFF]", eight.leaks(Leaks.Level.OFF).toString());
        assertEquals(eight, IoOptions.defaults().threads(8));
        assertEquals(eight.hashCode(), IoOptions.defaults().threads(8).hashCode());
        assertNotEquals(eight, eight.threads(9));
        assertEquals(eight.threads(9), eight.threads(9), "a later value replaces an earlier one");
        assertEquals(OptionalInt.of(9), eight.threads(9).threads());
    }

    // ---- what a backend takes -------------------------------------------------------------------

    @Test
    void an_option_the_backend_does_not_take_is_refused_by_name_listing_those_it_takes() {
        assertRefused("the blocking backend has no option 'threads'; it knows asyncTrace, driver, leaks",
                () -> Io.open("blocking", IoOptions.defaults().threads(8)));
        assertRefused("the virtual backend has no options 'threads', 'loops'; it knows asyncTrace, driver, leaks",
                () -> Io.open("virtual", IoOptions.defaults().loops(2).threads(8)));
        assertRefused("the evented backend has no option 'threads'; it knows asyncTrace, blockingThreads, driver, leaks, loops,"
                + " stallReport", () -> Io.open("evented", IoOptions.defaults().threads(8)));
        assertRefused("the threaded backend has no option 'stallReport'; it knows asyncTrace, driver, leaks, threads",
                () -> Io.open("threaded", IoOptions.defaults().stallReport(Duration.ZERO)));
    }

    // ---- precedence: option, then property, then built-in default -------------------------------

    @Test
    void loops_come_from_the_option_then_the_property_then_the_processors() {
        assertEquals(Runtime.getRuntime().availableProcessors(), withProperty("zsync.evented.loops", null,
                () -> loopsOf(IoOptions.defaults())), "neither set: the built-in default");
        assertEquals(2, withProperty("zsync.evented.loops", "2", () -> loopsOf(IoOptions.defaults())), "the property");
        assertEquals(3, withProperty("zsync.evented.loops", "2", () -> loopsOf(IoOptions.defaults().loops(3))),
                "the option over the property");
        assertEquals(3, withProperty("zsync.evented.loops", "lots", () -> loopsOf(IoOptions.defaults().loops(3))),
                "a property the option overrides is not read");
    }

    @Test
    void a_bad_property_is_refused_naming_it_and_its_range() {
        assertRefused("-Dzsync.evented.loops must be a whole number from 1 to 1024, not 'lots'",
                () -> withProperty("zsync.evented.loops", "lots", () -> loopsOf(IoOptions.defaults())));
        assertRefused("-Dzsync.evented.loops must be a whole number from 1 to 1024, not '0'",
                () -> withProperty("zsync.evented.loops", "0", () -> loopsOf(IoOptions.defaults())));
        assertRefused("-Dzsync.threaded.threads must be a whole number from 1 to 65536, not '100000'",
                () -> withProperty("zsync.threaded.threads", "100000", () -> Io.open("threaded")));
        assertRefused("-Dzsync.evented.stallReportMillis must be a whole number of milliseconds from 0 (off) to"
                + " 86400000 (1 day), not '-5'", () -> withProperty("zsync.evented.stallReportMillis", "-5",
                () -> Io.open("evented")));
    }

    @Test
    void the_pool_size_comes_from_the_option_then_the_property() {
        try (Io io = withProperty("zsync.threaded.threads", "1", () -> Io.open("threaded", IoOptions.defaults().threads(2)))) {
            assertRunsAtOnce(io, 2);
        }
        try (Io io = withProperty("zsync.threaded.threads", "1", () -> Io.open("threaded"))) {
            assertRunsAtOnce(io, 1);
        }
    }

    @Test
    void async_trace_comes_from_the_option_then_the_property() {
        assertNotNull(AsyncStackTrace.of(withProperty("zsync.asyncTrace", "off",
                () -> failureOn(IoOptions.defaults().asyncTrace(AsyncStackTrace.Capture.FULL)))), "the option over the property");
        assertNull(AsyncStackTrace.of(withProperty("zsync.asyncTrace", "off", () -> failureOn(IoOptions.defaults()))),
                "the property");
        assertNotNull(AsyncStackTrace.of(withProperty("zsync.asyncTrace", null, () -> failureOn(IoOptions.defaults()))),
                "neither set: cached");
    }

    @Test
    void the_leak_level_is_the_ios_own_else_the_jvms() {
        assumeTrue(Leaks.level() == Leaks.Level.PARANOID, "the suites run at paranoid");
        try (LeakWatch watch = Leaks.watch()) {
            try (Io off = Io.open("virtual", IoOptions.defaults().leaks(Leaks.Level.OFF))) {
                off.async(() -> 1); // never awaited
                Group<RuntimeException> group = off.group(); // never closed
                assertNotNull(group);
            }
            assertEquals(0, watch.check().size(), "an Io at off tracks nothing");
            try (Io jvmLevel = Io.open("virtual")) {
                jvmLevel.async(() -> 1).await();
                jvmLevel.async(() -> 2); // never awaited
            }
            assertEquals(1, watch.check().size(), "an Io without the option tracks at the JVM's level");
        }
    }

    private static void assertRunsAtOnce(Io io, int threads) {
        Event release = io.event();
        List<Future<Void, RuntimeException>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(io.concurrent(() -> release.await()));
        }
        ConcurrencyUnavailableException e = assertThrows(ConcurrencyUnavailableException.class, () -> io.concurrent(() -> 0));
        assertTrue(e.getMessage().contains("all " + threads + " threads of its pool are busy (IoOptions.threads"), e.getMessage());
        release.set();
        for (Future<Void, RuntimeException> f : running) {
            f.await();
        }
    }

    private static int loopsOf(IoOptions options) {
        try (Io io = Io.open("evented", options)) {
            return PoolMetrics.of(io).size();
        }
    }

    private static Exception failureOn(IoOptions options) {
        try (Io io = Io.open("threaded", options)) {
            Task<Void, Exception> fails = () -> {
                throw new Exception("failed on purpose");
            };
            return assertThrows(Exception.class, io.async(fails)::await);
        }
    }

    private static void assertRefused(String message, Executable open) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, open);
        assertEquals(message, e.getMessage());
    }

    /** {@code body}'s result with {@code key} set to {@code value} ({@code null}: cleared), restored afterwards. */
    private static <T> T withProperty(String key, String value, Supplier<T> body) {
        String before = System.getProperty(key);
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
