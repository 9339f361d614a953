package io.zsync;

import io.zsync.diagnostics.Leaks;
import io.zsync.diagnostics.TaskDump;
import io.zsync.spi.IoDriverFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one {@link Io} is set up, for {@link Io#open(String, IoOptions)}: the size of its pools,
 * and how it traces spawns and tracks leaks. An option not set here falls back to its system
 * property, then to a built-in default: {@code -D} settings stay the defaults of the whole JVM,
 * while a test or a service sizes an {@code Io} of its own without touching them.
 *
 * <pre>{@code
 * try (Io io = Io.open("threaded", IoOptions.defaults().threads(1200))) {
 *     ...
 * }
 * }</pre>
 *
 * <h2>The options</h2>
 * <table class="striped">
 * <caption>Each option, the backends that take it, and what it falls back to</caption>
 * <thead>
 * <tr><th>option</th><th>taken by</th><th>system property</th><th>built-in default</th><th>valid values</th></tr>
 * </thead>
 * <tbody>
 * <tr><td>{@link #threads(int) threads}</td><td>{@code threaded}</td><td>{@code zsync.threaded.threads}</td>
 *     <td>2 × processors, at least 4</td><td>1 to 65,536</td></tr>
 * <tr><td>{@link #loops(int) loops}</td><td>{@code evented}</td><td>{@code zsync.evented.loops}</td>
 *     <td>processors</td><td>1 to 1,024</td></tr>
 * <tr><td>{@link #blockingThreads(int) blockingThreads}</td><td>{@code evented}</td>
 *     <td>{@code zsync.evented.blockingThreads}</td><td>2 × processors, at least 4</td>
 *     <td>1 to 65,536</td></tr>
 * <tr><td>{@link #stallReport(Duration) stallReport}</td><td>{@code evented}</td>
 *     <td>{@code zsync.evented.stallReportMillis} (milliseconds)</td><td>2 seconds</td>
 *     <td>zero (off), or 1 ms to 1 day</td></tr>
 * <tr><td>{@link #asyncTrace(AsyncStackTrace.Capture) asyncTrace}</td><td>every backend</td>
 *     <td>{@code zsync.asyncTrace}</td><td>{@code cached}</td><td>{@code off}, {@code cached}, {@code full}</td></tr>
 * <tr><td>{@link #leaks(Leaks.Level) leaks}</td><td>every backend</td>
 *     <td>{@code zsync.leaks} (read once per JVM)</td><td>{@code sample}</td>
 *     <td>{@code off}, {@code sample}, {@code paranoid}</td></tr>
 * <tr><td>{@link #driver(IoDriverFactory) driver}</td><td>every backend</td><td>none</td>
 *     <td>the backend's own ({@code nio})</td><td>any {@link IoDriverFactory}</td></tr>
 * </tbody>
 * </table>
 *
 * A backend plugged in through {@link io.zsync.spi.IoProvider} that takes {@code threads},
 * {@code loops}, {@code blockingThreads} or {@code stallReport} finds them, when they are not set
 * here, in {@code zsync.<its name>.threads} and so on ({@code zsync.<its name>.stallReportMillis}).
 *
 * <p>Three settings stay system properties only, because they are about the JVM, not one
 * {@code Io}: {@code zsync.io} (the backend {@link Io#open()} opens), {@code zsync.taskDump.signal}
 * and {@code zsync.taskDump.file} (one signal handler per process, which dumps every open
 * {@code Io}), and {@code zsync.checkWoven} (a check of how the code was woven, read once by the
 * coroutine runtime, which knows nothing of an {@code Io}).
 *
 * <h2>Contracts</h2>
 * <ul>
 *   <li>Immutable, and safe to share between threads: each wither returns new options and leaves
 *       the receiver unchanged. Two options are {@linkplain #equals equal} when they set the same
 *       options to equal values.</li>
 *   <li>A wither refuses a bad value at once, with an {@link IllegalArgumentException} that
 *       names the option and its valid values ({@link NullPointerException} for {@code null}). A
 *       bad system property fails every {@link Io#open} that falls back on it, naming the
 *       property and its valid values.</li>
 *   <li>{@link Io#open(String, IoOptions)} refuses, by name, an option set here that the backend
 *       does not take. Every check is made before the backend starts: a refused open starts no
 *       thread and opens no descriptor.</li>
 * </ul>
 */
public final class IoOptions {

    static final String THREADS = "threads";
    static final String LOOPS = "loops";
    static final String BLOCKING_THREADS = "blockingThreads";
    static final String STALL_REPORT = "stallReport";
    static final String ASYNC_TRACE = "asyncTrace";
    static final String LEAKS = "leaks";
    static final String DRIVER = "driver";
    /** What the core applies to every backend; a backend declares the others it takes ({@link io.zsync.spi.IoProvider#options()}). */
    static final Set<String> EVERY_BACKEND = Set.of(ASYNC_TRACE, LEAKS, DRIVER);
    /** Every option, in the order {@link #toString} and messages list them. */
    static final List<String> ALL = List.of(THREADS, LOOPS, BLOCKING_THREADS, STALL_REPORT, ASYNC_TRACE, LEAKS, DRIVER);

    private static final int MAX_THREADS = 65_536;
    private static final int MAX_LOOPS = 1_024;
    private static final Duration MAX_STALL_REPORT = Duration.ofDays(1);
    private static final Duration MIN_STALL_REPORT = Duration.ofMillis(1);
    private static final IoOptions DEFAULTS = new IoOptions(null, null, null, null, null, null, null);

    // Each null when not set.
    private final Integer threads;
    private final Integer loops;
    private final Integer blockingThreads;
    private final Duration stallReport;
    private final AsyncStackTrace.Capture asyncTrace;
    private final Leaks.Level leaks;
    private final IoDriverFactory driver;

    private IoOptions(Integer threads, Integer loops, Integer blockingThreads, Duration stallReport,
            AsyncStackTrace.Capture asyncTrace, Leaks.Level leaks, IoDriverFactory driver) {
        this.threads = threads;
        this.loops = loops;
        this.blockingThreads = blockingThreads;
        this.stallReport = stallReport;
        this.asyncTrace = asyncTrace;
        this.driver = driver;
        this.leaks = leaks;
    }

    /** Options that set nothing: every option falls back to its system property, then its built-in default. */
    public static IoOptions defaults() {
        return DEFAULTS;
    }

    // ---- withers ------------------------------------------------------------------------------

    /**
     * These options with the most tasks a thread-pool backend ({@code threaded}) runs at once, each
     * on a thread of its own: {@link Io#concurrent} is refused, and {@link Io#async} runs inline,
     * while that many run.
     *
     * @throws IllegalArgumentException if {@code threads} is not from 1 to 65,536
     */
    public IoOptions threads(int threads) {
        return new IoOptions(count(THREADS, threads, MAX_THREADS), loops, blockingThreads, stallReport, asyncTrace, leaks, driver);
    }

    /**
     * These options with the number of event loops ({@code evented}): threads that each run a
     * share of the tasks, so at most that many tasks run at the same instant. Tasks started from
     * outside the loops are spread over all of them.
     *
     * @throws IllegalArgumentException if {@code loops} is not from 1 to 1,024
     */
    public IoOptions loops(int loops) {
        return new IoOptions(threads, count(LOOPS, loops, MAX_LOOPS), blockingThreads, stallReport, asyncTrace, leaks, driver);
    }

    /**
     * These options with the most threads that run {@linkplain Io#blocking blocking work} (file
     * operations included) at once, on a backend that runs it on a pool ({@code evented}); more
     * work waits for a free thread.
     *
     * @throws IllegalArgumentException if {@code blockingThreads} is not from 1 to 65,536
     */
    public IoOptions blockingThreads(int blockingThreads) {
        return new IoOptions(threads, loops, count(BLOCKING_THREADS, blockingThreads, MAX_THREADS), stallReport,
                asyncTrace, leaks, driver);
    }

    /**
     * These options with how long no task may make progress, while tasks are live, before a
     * possible deadlock is reported with a {@link TaskDump} ({@code evented}); zero turns the
     * report off. Whole milliseconds count: the rest is dropped.
     *
     * @throws IllegalArgumentException if {@code threshold} is neither zero nor from 1 ms to 1 day
     * @throws NullPointerException if {@code threshold} is {@code null}
     */
    public IoOptions stallReport(Duration threshold) {
        Objects.requireNonNull(threshold, "stallReport is null; pass Duration.ZERO to turn the report off");
        if (!threshold.isZero() && (threshold.compareTo(MIN_STALL_REPORT) < 0 || threshold.compareTo(MAX_STALL_REPORT) > 0)) {
            throw new IllegalArgumentException(STALL_REPORT + " must be zero (off) or from 1 ms to 1 day, not " + threshold);
        }
        return new IoOptions(threads, loops, blockingThreads, threshold, asyncTrace, leaks, driver);
    }

    /**
     * These options with how the {@code Io} captures the spawn site of each task, which a failed
     * task's exception carries as an {@link AsyncStackTrace}. Every backend takes it.
     *
     * @throws NullPointerException if {@code capture} is {@code null}
     */
    public IoOptions asyncTrace(AsyncStackTrace.Capture capture) {
        Objects.requireNonNull(capture, "asyncTrace is null; pass AsyncStackTrace.Capture.OFF to capture nothing");
        return new IoOptions(threads, loops, blockingThreads, stallReport, capture, leaks, driver);
    }

    /**
     * These options with how much of what the {@code Io} makes (futures, groups, files, sockets)
     * the {@linkplain Leaks leak detector} tracks. Every backend takes it.
     *
     * @throws NullPointerException if {@code level} is {@code null}
     */
    public IoOptions leaks(Leaks.Level level) {
        Objects.requireNonNull(level, "leaks is null; pass Leaks.Level.OFF to track nothing");
        return new IoOptions(threads, loops, blockingThreads, stallReport, asyncTrace, level, driver);
    }

    /**
     * The I/O driver the {@code Io} does its files and sockets through, instead of its backend's
     * own ({@code nio}): for example an in-memory world
     * ({@link io.zsync.spi.kit.memory.MemoryWorld}), so that tests run without the kernel. Every
     * backend takes it.
     */
    public IoOptions driver(IoDriverFactory driver) {
        Objects.requireNonNull(driver, "driver is null; leave the option out to use the backend's own driver");
        return new IoOptions(threads, loops, blockingThreads, stallReport, asyncTrace, leaks, driver);
    }

    // ---- what is set: for backends and callers -------------------------------------------------

    /** The {@link #threads(int)} set, or empty when it is not. */
    public OptionalInt threads() {
        return threads == null ? OptionalInt.empty() : OptionalInt.of(threads);
    }

    /** The {@link #loops(int)} set, or empty when it is not. */
    public OptionalInt loops() {
        return loops == null ? OptionalInt.empty() : OptionalInt.of(loops);
    }

    /** The {@link #blockingThreads(int)} set, or empty when it is not. */
    public OptionalInt blockingThreads() {
        return blockingThreads == null ? OptionalInt.empty() : OptionalInt.of(blockingThreads);
    }

    /** The {@link #stallReport(Duration)} set, or empty when it is not. */
    public Optional<Duration> stallReport() {
        return Optional.ofNullable(stallReport);
    }

    /** The {@link #asyncTrace(AsyncStackTrace.Capture)} set, or empty when it is not. */
    public Optional<AsyncStackTrace.Capture> asyncTrace() {
        return Optional.ofNullable(asyncTrace);
    }

    /** The {@link #leaks(Leaks.Level)} set, or empty when it is not. */
    public Optional<Leaks.Level> leaks() {
        return Optional.ofNullable(leaks);
    }

    /** The {@link #driver(IoDriverFactory)} set, or empty when it is not. */
    public Optional<IoDriverFactory> driver() {
        return Optional.ofNullable(driver);
    }

    /** Equal when both set the same options to equal values. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IoOptions o && Objects.equals(threads, o.threads) && Objects.equals(loops, o.loops)
                && Objects.equals(blockingThreads, o.blockingThreads) && Objects.equals(stallReport, o.stallReport)
                && asyncTrace == o.asyncTrace && leaks == o.leaks && Objects.equals(driver, o.driver);
    }

    @Override
    public int hashCode() {
        return Objects.hash(threads, loops, blockingThreads, stallReport, asyncTrace, leaks, driver);
    }

    /** The options set, such as {@code IoOptions[threads=8, leaks=PARANOID]}; {@code IoOptions[]} for the defaults. */
    @Override
    public String toString() {
        List<String> set = new ArrayList<>();
        for (String name : ALL) {
            if (value(name) != null) {
                set.add(name + "=" + value(name));
            }
        }
        return "IoOptions" + set;
    }

    // ---- the open's side ---------------------------------------------------------------------

    /**
     * These options as the backend called {@code backend}, which takes the {@code declared}
     * options besides those of every backend, gets them: each it takes and that is not set here
     * is read from its system property; {@link #asyncTrace()} and {@link #leaks()} are always set
     * in the result. Reads the properties, and starts nothing.
     *
     * @throws IllegalArgumentException if an option set here is one the backend does not take,
     *         or a property it falls back on is bad
     */
    IoOptions forBackend(String backend, Set<String> declared) {
        List<String> refused = new ArrayList<>();
        for (String name : ALL) {
            if (value(name) != null && !EVERY_BACKEND.contains(name) && !declared.contains(name)) {
                refused.add("'" + name + "'");
            }
        }
        if (!refused.isEmpty()) {
            Set<String> known = new TreeSet<>(declared);
            known.addAll(EVERY_BACKEND);
            throw new IllegalArgumentException("the " + backend + " backend has no option" + (refused.size() > 1 ? "s " : " ")
                    + String.join(", ", refused) + "; it knows " + String.join(", ", known));
        }
        String prefix = "zsync." + backend + ".";
        return new IoOptions(
                threads != null || !declared.contains(THREADS) ? threads : countProperty(prefix + THREADS, MAX_THREADS),
                loops != null || !declared.contains(LOOPS) ? loops : countProperty(prefix + LOOPS, MAX_LOOPS),
                blockingThreads != null || !declared.contains(BLOCKING_THREADS) ? blockingThreads
                        : countProperty(prefix + BLOCKING_THREADS, MAX_THREADS),
                stallReport != null || !declared.contains(STALL_REPORT) ? stallReport
                        : millisProperty(prefix + STALL_REPORT + "Millis"),
                asyncTrace != null ? asyncTrace : captureProperty(),
                leaks != null ? leaks : Leaks.level(),
                driver);
    }

    /** The value of the option called {@code name}, or {@code null} if it is not set. */
    private Object value(String name) {
        return switch (name) {
            case THREADS -> threads;
            case LOOPS -> loops;
            case BLOCKING_THREADS -> blockingThreads;
            case STALL_REPORT -> stallReport;
            case ASYNC_TRACE -> asyncTrace;
            case LEAKS -> leaks;
            case DRIVER -> driver;
            default -> throw new IllegalArgumentException("no option is called '" + name + "'");
        };
    }

    private static int count(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " must be from 1 to " + max + ", not " + value);
        }
        return value;
    }

    /** The whole number from 1 to {@code max} that {@code -Dproperty} says, or {@code null} if it is not set. */
    private static Integer countProperty(String property, int max) {
        Long value = wholeProperty(property, 1, max, "a whole number from 1 to " + max);
        return value == null ? null : value.intValue();
    }

    /** The milliseconds, from 0 (off) to 1 day, that {@code -Dproperty} says, or {@code null} if it is not set. */
    private static Duration millisProperty(String property) {
        long max = MAX_STALL_REPORT.toMillis();
        Long millis = wholeProperty(property, 0, max, "a whole number of milliseconds from 0 (off) to " + max + " (1 day)");
        return millis == null ? null : Duration.ofMillis(millis);
    }

    /**
     * The whole number from {@code min} to {@code max} that {@code -Dproperty} says, or
     * {@code null} if it is not set; anything else is refused as not being {@code expected}.
     */
    private static Long wholeProperty(String property, long min, long max, String expected) {
        String configured = System.getProperty(property);
        if (configured == null) {
            return null;
        }
        try {
            long value = Long.parseLong(configured.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notWhole) {
            // refused below, as a number out of range is
        }
        throw new IllegalArgumentException("-D" + property + " must be " + expected + ", not '" + configured + "'");
    }

    /** What {@code -Dzsync.asyncTrace} says, {@link AsyncStackTrace.Capture#CACHED} when it is not set. */
    private static AsyncStackTrace.Capture captureProperty() {
        String configured = System.getProperty("zsync.asyncTrace", "cached");
        try {
            return AsyncStackTrace.Capture.valueOf(configured.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dzsync.asyncTrace must be off, cached or full, not '" + configured + "'", e);
        }
    }
}
