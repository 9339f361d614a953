package io.zsync.bench;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Io;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The memory benchmark: how many heap bytes a suspended task costs. Each contender starts
 * {@code tasks} tasks that each sleep for an hour, keeping every handle; once all of them sleep,
 * the heap in use (after full collections) is compared with the heap in use before they started,
 * and divided by {@code tasks}. Then every task is canceled, which also checks that cancellation
 * reaches a million sleepers.
 *
 * <p>The contenders: {@code evented} and {@code virtual} ({@code io.concurrent} of
 * {@code io.sleep} on that backend; one that this build does not have is skipped and reported)
 * and {@code raw-virtual-threads} ({@code Thread.sleep} in a virtual thread each; the baseline).
 * The JVM needs a heap of a few GiB for a million virtual threads.
 */
public final class MemoryBench {

    /** The contender every other is compared with. */
    public static final String BASELINE = "raw-virtual-threads";
    /** The number of tasks when none is given. */
    public static final int DEFAULT_TASKS = 1_000_000;

    private static final String NAME = "memory";
    private static final String UNIT = "B/task";
    private static final List<String> BACKENDS = List.of("evented", "virtual");
    private static final Duration NAP = Duration.ofHours(1);
    /** How long to wait for every task to be asleep, or for every canceled one to end. */
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);

    private final int tasks;

    /**
     * A benchmark of {@code tasks} sleeping tasks per contender.
     *
     * @throws IllegalArgumentException if {@code tasks} is below 1
     */
    public MemoryBench(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("the memory bench needs at least 1 task, not " + tasks);
        }
        this.tasks = tasks;
    }

    /**
     * Runs the benchmark, one contender after the other.
     *
     * @param progress told one line per contender, such as {@code "virtual  1043.2 B/task"}
     * @return the bytes per suspended task of every contender
     * @throws IllegalStateException if the tasks did not all fall asleep, or did not all end once
     *         canceled, within five minutes
     */
    public BenchReport run(Consumer<String> progress) throws InterruptedException {
        List<Measurement> results = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String backend : BACKENDS) {
            if (!Io.backends().contains(backend)) {
                skipped.put(backend, "this build has no '" + backend + "' backend");
                continue;
            }
            try (Io io = Io.open(backend)) {
                results.add(measure(backend, new IoSleepers(io), progress));
            }
        }
        results.add(measure(BASELINE, new ThreadSleepers(), progress));
        return new BenchReport(NAME, Map.of("tasks", (long) tasks), BASELINE, false, results, skipped);
    }

    private Measurement measure(String name, Sleepers sleepers, Consumer<String> progress) throws InterruptedException {
        long before = heapInUse();
        AtomicInteger asleep = new AtomicInteger();
        for (int i = 0; i < tasks; i++) {
            sleepers.start(asleep);
        }
        awaitCount(name, "fall asleep", asleep, tasks);
        long after = heapInUse();
        sleepers.cancelAll();
        double perTask = (double) (after - before) / tasks;
        progress.accept(String.format(Locale.ROOT, "%-20s %8.1f %s", name, perTask, UNIT));
        return new Measurement(name, perTask, UNIT);
    }

    /** Waits until {@code count} reaches {@code target}, checking every millisecond. */
    private static void awaitCount(String name, String what, AtomicInteger count, int target)
            throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (count.get() < target) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + ": only " + count.get() + " of " + target
                        + " tasks did " + what + " within " + PHASE_TIMEOUT);
            }
            Thread.sleep(1);
        }
    }

    /** Bytes of heap in use once everything unreachable has been collected. */
    private static long heapInUse() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** One contender: starts sleepers that count themselves asleep, and cancels them all. */
    private interface Sleepers {

        void start(AtomicInteger asleep);

        /** Cancels every sleeper and returns once all have ended. */
        void cancelAll() throws InterruptedException;
    }

    private static final class IoSleepers implements Sleepers {

        private final Io io;
        private final List<Future<Void, RuntimeException>> futures = new ArrayList<>();

        IoSleepers(Io io) {
            this.io = io;
        }

        @Override
        public void start(AtomicInteger asleep) {
            futures.add(io.concurrent(() -> {
                asleep.incrementAndGet();
                io.sleep(NAP);
            }));
        }

        @Override
        public void cancelAll() {
            for (Future<Void, RuntimeException> f : futures) {
                try {
                    f.cancel();
                } catch (CanceledException expected) {
                    // Every sleeper ends this way: canceled in its sleep.
                }
            }
        }
    }

    private static final class ThreadSleepers implements Sleepers {

        private final List<Thread> threads = new ArrayList<>();

        @Override
        public void start(AtomicInteger asleep) {
            threads.add(Thread.ofVirtual().start(() -> {
                asleep.incrementAndGet();
                try {
                    Thread.sleep(NAP);
                } catch (InterruptedException canceled) {
                    // The bench is over.
                }
            }));
        }

        @Override
        public void cancelAll() throws InterruptedException {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
