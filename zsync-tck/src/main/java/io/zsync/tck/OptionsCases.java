package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.AsyncStackTrace;
import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.IoOptions;
import io.zsync.diagnostics.Leak;
import io.zsync.diagnostics.LeakWatch;
import io.zsync.diagnostics.Leaks;
import io.zsync.Task;
import io.zsync.spi.IoProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Io#open(String, IoOptions)} on the backend under test: each option it takes (as its
 * {@link IoProvider#options()} says) takes effect, each it does not take is refused by name
 * before anything starts, and the options of every backend ({@code asyncTrace}, {@code leaks})
 * hold on it. A case opens Ios of its own, of the same backend ({@code io.name()}), and closes
 * them; a case about an option the backend does not take is skipped, saying so.
 *
 * <p>Bodies may run inside a task, so they use plain loops and try/catch, never a suspending
 * lambda handed to code that is not woven.
 */
final class OptionsCases {

    /** A hang guard, never reached by a case that passes. */
    private static final long HANG_SECONDS = 20;
    /** The options a backend may take, each with a valid value. */
    private static final Map<String, IoOptions> BACKEND_OPTIONS = Map.of(
            "threads", IoOptions.defaults().threads(2),
            "loops", IoOptions.defaults().loops(1),
            "blockingThreads", IoOptions.defaults().blockingThreads(1),
            "stallReport", IoOptions.defaults().stallReport(Duration.ZERO));

    private OptionsCases() {}

    static List<Case> cases() {
        String area = "options";
        return List.of(
                Case.of(area, "an option the backend does not take is refused by name, listing those it takes", io -> {
                    Set<String> taken = taken(io.name());
                    for (Map.Entry<String, IoOptions> option : BACKEND_OPTIONS.entrySet()) {
                        if (taken.contains(option.getKey())) {
                            try (Io opened = Io.open(io.name(), option.getValue())) {
                                assertEquals(io.name(), opened.name());
                            }
                        } else {
                            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                    () -> Io.open(io.name(), option.getValue()));
                            String expected = "the " + io.name() + " backend has no option '" + option.getKey() + "'; it knows ";
                            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
                            assertTrue(e.getMessage().contains("asyncTrace") && e.getMessage().contains("leaks"), e.getMessage());
                        }
                    }
                }),
                Case.concurrent(area, "threads(3) runs three tasks at once and refuses a fourth concurrent one", io -> {
                    assumeTakes(io, "threads");
                    try (Io three = Io.open(io.name(), IoOptions.defaults().threads(3))) {
                        Event release = three.event();
                        List<Future<Void, RuntimeException>> running = new ArrayList<>();
                        for (int i = 0; i < 3; i++) {
                            running.add(three.concurrent(() -> release.await()));
                        }
                        ConcurrencyUnavailableException e = assertThrows(ConcurrencyUnavailableException.class,
                                () -> three.concurrent(() -> 4));
                        assertFalse(e.isPermanent(), e.getMessage());
                        release.set();
                        for (Future<Void, RuntimeException> f : running) {
                            f.await();
                        }
                        assertEquals(4, three.concurrent(() -> 4).await(), "a thread is free again once its task ended");
                    }
                }),
                Case.concurrent(area, "loops(n) runs the tasks on n loop threads", io -> {
                    assumeTakes(io, "loops");
                    assertEquals(1, taskThreads(io.name(), 1), "threads that ran tasks with loops(1)");
                    assertEquals(2, taskThreads(io.name(), 2), "threads that ran tasks with loops(2)");
                }),
                Case.concurrent(area, "blockingThreads(2) runs two blocking works at once, never three", io -> {
                    assumeTakes(io, "blockingThreads");
                    try (Io two = Io.open(io.name(), IoOptions.defaults().blockingThreads(2))) {
                        CountDownLatch bothIn = new CountDownLatch(2);
                        AtomicInteger inside = new AtomicInteger();
                        AtomicInteger most = new AtomicInteger();
                        List<Future<Boolean, InterruptedException>> works = new ArrayList<>();
                        for (int i = 0; i < 6; i++) {
                            works.add(two.concurrent(() -> two.blocking(() -> {
                                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                bothIn.countDown();
                                // The first two meet here, which only two threads at once can do; the others pass.
                                boolean met = bothIn.await(HANG_SECONDS, TimeUnit.SECONDS);
                                inside.decrementAndGet();
                                return met;
                            })));
                        }
                        for (Future<Boolean, InterruptedException> work : works) {
                            assertTrue(work.await(), "two blocking works never ran at once");
                        }
                        assertEquals(2, most.get(), "the most blocking works that ran at once");
                    }
                }),
                Case.of(area, "asyncTrace(OFF) attaches no spawn site to a failure, asyncTrace(FULL) does", io -> {
                    assertNull(AsyncStackTrace.of(failure(io.name(), AsyncStackTrace.Capture.OFF)), "with asyncTrace(OFF)");
                    assertNotNull(AsyncStackTrace.of(failure(io.name(), AsyncStackTrace.Capture.FULL)), "with asyncTrace(FULL)");
                }),
                Case.of(area, "leaks(PARANOID) reports every future left open, leaks(OFF) none", io -> {
                    assertEquals(1, futuresLeftOpen(io.name(), Leaks.Level.PARANOID), "with leaks(PARANOID)");
                    assertEquals(0, futuresLeftOpen(io.name(), Leaks.Level.OFF), "with leaks(OFF)");
                }));
    }

    /** The options the backend called {@code name} takes besides those of every backend, as its provider says. */
    private static Set<String> taken(String name) {
        for (IoProvider provider : ServiceLoader.load(IoProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.options();
            }
        }
        throw new AssertionError("no provider of " + name + " is installed");
    }

    private static void assumeTakes(Io io, String option) {
        assumeTrue(taken(io.name()).contains(option), () -> "the " + io.name() + " backend does not take " + option);
    }

    /** How many threads ran {@code 4 * loops} tasks started from outside a fresh Io with {@code loops} loops. */
    private static int taskThreads(String backend, int loops) throws Exception {
        try (Io io = Io.open(backend, IoOptions.defaults().loops(loops))) {
            List<Future<Thread, RuntimeException>> tasks = new ArrayList<>();
            for (int i = 0; i < 4 * loops; i++) {
                tasks.add(io.concurrent(Thread::currentThread));
            }
            Set<Thread> threads = new HashSet<>();
            for (Future<Thread, RuntimeException> task : tasks) {
                threads.add(task.await());
            }
            return threads.size();
        }
    }

    /** What a failing task throws on a fresh Io that captures spawn sites as {@code capture} says. */
    private static Exception failure(String backend, AsyncStackTrace.Capture capture) {
        try (Io io = Io.open(backend, IoOptions.defaults().asyncTrace(capture))) {
            Task<Void, Exception> fails = () -> {
                throw new Exception("failed on purpose");
            };
            Future<Void, Exception> failing = io.async(fails);
            try {
                failing.await();
            } catch (Exception e) {
                return e;
            }
            throw new AssertionError("the failing task did not fail");
        }
    }

    /** How many futures a watch reports that a fresh Io at {@code level} made and never awaited. */
    private static long futuresLeftOpen(String backend, Leaks.Level level) throws Exception {
        try (LeakWatch watch = Leaks.watch()) {
            try (Io io = Io.open(backend, IoOptions.defaults().leaks(level))) {
                Event ran = io.event();
                io.async(() -> ran.set()); // never awaited: a leak
                ran.await();
            }
            long futures = 0;
            for (Leak leak : watch.check()) {
                if (leak.kind() == Leak.Kind.FUTURE) {
                    futures++;
                }
            }
            return futures;
        }
    }
}
