package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.diagnostics.Leak;
import io.zsync.diagnostics.LeakWatch;
import io.zsync.diagnostics.Leaks;
import io.zsync.Mutex;
import io.zsync.Queue;
import io.zsync.coroutine.NeverSuspends;
import io.zsync.coroutine.Suspendable;
import io.zsync.fs.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

/**
 * A task's life at the edges of its {@code Io} and its thread: a future whose {@code Io} closed
 * before or while its task ran still completes; blocking work that does blocking work finishes; a
 * task waiting on another {@code Io}'s primitives waits as itself (a cancellation point, holding
 * no thread it shares, owning its locks); an interrupt a task sets is its own cancellation request
 * and ends with it.
 *
 * <p>Bodies may run inside a task, so they use plain loops and try/catch, never a suspending
 * lambda handed to code that is not woven (JUnit's {@code assertThrows}, streams).
 */
final class LifecycleCases {

    /** A hang guard, never reached by a case that passes: a future that did not complete within it never will. */
    private static final Duration HANG = Duration.ofSeconds(20);
    /** The backends a case pairs the one under test with, to wait across {@code Io}s both ways. */
    private static final List<String> OTHERS = List.of("virtual", "evented");
    /** More tasks than a backend has loops or pool threads, so that some share one. */
    private static final int CROWD = 16 + 4 * Runtime.getRuntime().availableProcessors();

    private LifecycleCases() {}

    static List<Case> cases() {
        String area = "lifecycle";
        return List.of(
                Case.concurrent(area, "tasks started as their Io closes complete, with their result or CanceledException", io -> {
                    try (LeakWatch watch = Leaks.watch()) {
                        List<Future<Integer, RuntimeException>> futures = new ArrayList<>();
                        try (Io other = Io.open(io.name())) {
                            // Holds its thread with a JDK wait: tasks queued behind it, where threads are shared, cannot begin.
                            CountDownLatch release = new CountDownLatch(1);
                            Event holding = other.event();
                            Future<Integer, InterruptedException> holder = other.concurrent(() -> {
                                holding.set();
                                release.await();
                                return -1;
                            });
                            holding.await();
                            for (int i = 0; i < CROWD; i++) {
                                int n = i;
                                futures.add(other.async(() -> n));
                            }
                            Thread closer = Thread.ofPlatform().daemon().start(other::close);
                            awaitWaitingOrEnded(io, closer);
                            release.countDown();
                            assertEquals(-1, outcome(holder), "the task running as its Io closed");
                            closer.join(HANG.toMillis());
                            assertFalse(closer.isAlive(), "close did not return");
                        }
                        for (int i = 0; i < futures.size(); i++) {
                            Object outcome = outcome(futures.get(i));
                            if (!Integer.valueOf(i).equals(outcome)) {
                                assertClosedWhile("before the task started", outcome);
                            }
                        }
                        assertOnlyAbandonedTasks(watch.check());
                    }
                }),
                Case.concurrent(area, "a task waiting as its Io closes completes, and its awaiters and its group wake", io -> {
                    try (LeakWatch watch = Leaks.watch()) {
                        Future<Integer, RuntimeException> task;
                        Future<Object, Exception> awaiter;
                        Group<RuntimeException> group;
                        Event go;
                        try (Io other = Io.open(io.name())) {
                            go = other.event();
                            Event started = other.event();
                            Event memberStarted = other.event();
                            task = other.concurrent(() -> {
                                started.set();
                                go.await();
                                return 42;
                            });
                            group = other.group();
                            group.concurrent(() -> {
                                memberStarted.set();
                                go.await();
                            });
                            started.await();
                            memberStarted.await();
                            awaiter = io.concurrent(() -> outcome(task));
                        }
                        // Thread backends run the tasks on to their end; a backend that abandoned them did so as it closed.
                        go.set();
                        Object outcome = outcome(task);
                        if (!Integer.valueOf(42).equals(outcome)) {
                            assertClosedWhile("while the task was suspended", outcome);
                        }
                        Object awaited = outcome(awaiter);
                        assertEquals(String.valueOf(outcome), String.valueOf(awaited), "the awaiter saw another outcome");
                        group.await();
                        group.close();
                        assertOnlyAbandonedTasks(watch.check());
                    }
                }),
                Case.of(area, "blocking work that does blocking work finishes, however many tasks do it at once", io -> {
                    List<Future<Integer, RuntimeException>> futures = new ArrayList<>();
                    for (int i = 0; i < CROWD; i++) {
                        int n = i;
                        futures.add(io.async(() -> io.blocking(() -> io.blocking(() -> n))));
                    }
                    for (int i = 0; i < futures.size(); i++) {
                        assertEquals(i, outcome(futures.get(i)), "task " + i);
                    }
                }),
                Case.of(area, "file calls inside blocking work finish, however many tasks make them at once", io -> {
                    Path dir = io.fs().createTempDirectory("zsync-nested-blocking");
                    try {
                        List<Future<Boolean, Exception>> futures = new ArrayList<>();
                        for (int i = 0; i < CROWD; i++) {
                            Path sub = dir.resolve("d" + i);
                            futures.add(io.async(() -> io.blocking(() -> {
                                io.fs().createDirectory(sub);
                                try (File file = io.fs().create(sub.resolve("f"))) {
                                    file.size();
                                }
                                return io.fs().exists(sub.resolve("f"));
                            })));
                        }
                        for (int i = 0; i < futures.size(); i++) {
                            assertEquals(Boolean.TRUE, outcome(futures.get(i)), "task " + i);
                        }
                        assertEquals(CROWD, io.fs().list(dir).size());
                    } finally {
                        io.fs().deleteRecursively(dir);
                    }
                }).io(),
                Case.concurrent(area, "a task waiting on another Io's mutex, queue or future is a cancellation point", io ->
                        bothWays(io, LifecycleCases::cancelWhileWaitingAcross)),
                Case.concurrent(area, "a task waiting on another Io's queue holds up no other task of its own Io", io ->
                        bothWays(io, LifecycleCases::othersRunWhileOneWaitsAcross)),
                Case.concurrent(area, "another Io's mutex is owned by the task that locked it, not by its thread", io ->
                        bothWays(io, LifecycleCases::lockOwnedPerTaskAcross)),
                Case.concurrent(area, "a task that interrupts its own thread is canceled at its next wait", io -> {
                    Event never = io.event();
                    Future<String, RuntimeException> sleeper = io.concurrent(() -> {
                        Thread.currentThread().interrupt();
                        io.sleep(Duration.ofDays(1));
                        return "slept through its interrupt";
                    });
                    assertEndedCanceled(sleeper, "a task that interrupted itself, then slept,");
                    Future<String, RuntimeException> yielder = io.concurrent(() -> {
                        Thread.currentThread().interrupt();
                        io.yieldNow();
                        never.await();
                        return "the interrupt was lost across a yield";
                    });
                    assertEndedCanceled(yielder, "a task that interrupted itself, yielded, then waited,");
                    Queue<String> empty = io.queue(1);
                    Future<String, RuntimeException> getter = io.concurrent(() -> {
                        Thread.currentThread().interrupt();
                        return empty.get();
                    });
                    assertEndedCanceled(getter, "a task that interrupted itself, then took from an empty queue,");
                }),
                Case.concurrent(area, "an interrupt a task leaves set ends with it: later tasks start uninterrupted", io -> {
                    for (int round = 0; round < CROWD; round++) {
                        // Spawned by the interrupting task: on a backend of loops, it runs on the same thread next.
                        Future<Future<Boolean, RuntimeException>, RuntimeException> interrupter = io.concurrent(() -> {
                            Future<Boolean, RuntimeException> next = io.concurrent(() -> interruptedAfterAWait(io));
                            Thread.currentThread().interrupt();
                            return next;
                        });
                        Future<Boolean, RuntimeException> spawnedByIt = interrupter.await();
                        // Started after it ended: on a pool of threads, it runs on the same thread.
                        Future<Boolean, RuntimeException> after = io.concurrent(() -> interruptedAfterAWait(io));
                        assertEquals(Boolean.FALSE, outcome(spawnedByIt), "round " + round + ": a task spawned by the interrupter");
                        assertEquals(Boolean.FALSE, outcome(after), "round " + round + ": a task started after the interrupter");
                    }
                }));
    }

    /**
     * Waits, bounded, until {@code thread} waits (a close, joining the threads it stopped) or has
     * ended (a close with nothing to wait for), yielding so that tasks beside a body run meanwhile.
     */
    private static void awaitWaitingOrEnded(Io io, Thread thread) {
        long deadline = System.nanoTime() + HANG.toNanos();
        while (thread.isAlive() && thread.getState() != Thread.State.WAITING
                && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() - deadline > 0) {
                fail(thread + " neither waited nor ended: " + thread.getState());
            }
            io.yieldNow();
        }
    }

    /** Whether the calling task starts interrupted; it waits once too, which it would not survive if it were. */
    private static boolean interruptedAfterAWait(Io io) {
        boolean interrupted = Thread.currentThread().isInterrupted();
        io.sleep(Duration.ofMillis(1));
        return interrupted;
    }

    /** A check of one Io's tasks against another Io's primitives. */
    @FunctionalInterface
    private interface AcrossIos {
        @Suspendable
        void check(Io tasks, Io other) throws Exception;
    }

    /** Runs {@code check} with {@code io}'s tasks against each of {@link #OTHERS}, and the other way round. */
    private static void bothWays(Io io, AcrossIos check) throws Exception {
        for (String otherName : OTHERS) {
            try (Io other = Io.open(otherName)) {
                check.check(io, other);
                check.check(other, io);
            }
        }
    }

    /** A task of {@code waiters} waits on a mutex, a queue and a future of {@code owner}'s, each time canceled. */
    private static void cancelWhileWaitingAcross(Io waiters, Io owner) throws Exception {
        String pair = waiters.name() + " waiting on " + owner.name();
        Mutex held = owner.mutex();
        held.lock();
        try {
            Event waiting = waiters.event();
            Future<String, RuntimeException> locker = waiters.concurrent(() -> {
                waiting.set();
                held.lock();
                held.unlock();
                return "locked a held mutex";
            });
            waiting.await();
            assertCanceled(locker, pair + ", mutex");
        } finally {
            held.unlock();
        }
        Queue<String> empty = owner.queue(1);
        Event getting = waiters.event();
        Future<String, RuntimeException> getter = waiters.concurrent(() -> {
            getting.set();
            return empty.get();
        });
        getting.await();
        assertCanceled(getter, pair + ", queue");
        Event never = owner.event();
        Future<Void, RuntimeException> endless = owner.concurrent(() -> never.await());
        Event awaiting = waiters.event();
        Future<Void, RuntimeException> awaiter = waiters.concurrent(() -> {
            awaiting.set();
            endless.await();
        });
        awaiting.await();
        assertCanceled(awaiter, pair + ", future");
        // The canceled awaiter passed its cancellation on to the task it awaited.
        assertCanceled(endless, pair + ", the awaited task");
    }

    /** While a task of {@code waiters} waits on {@code owner}'s queue, many more of its tasks run and end. */
    private static void othersRunWhileOneWaitsAcross(Io waiters, Io owner) throws Exception {
        String pair = waiters.name() + " waiting on " + owner.name();
        Queue<String> queue = owner.queue(1);
        Future<String, RuntimeException> getter = waiters.concurrent(() -> queue.get());
        List<Future<Integer, RuntimeException>> others = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            int n = i;
            others.add(waiters.async(() -> {
                waiters.yieldNow();
                return n;
            }));
        }
        for (int i = 0; i < others.size(); i++) {
            assertEquals(i, outcome(others.get(i)), pair + ": task " + i + " while one waits");
        }
        assertFalse(getter.isDone(), pair + ": the getter did not wait");
        queue.put("put");
        assertEquals("put", outcome(getter), pair);
    }

    /**
     * Task A of {@code tasks} locks {@code owner}'s mutex and spawns task B (on A's own loop, where
     * tasks share loops): B can neither lock nor release it, and A's unlock works.
     */
    private static void lockOwnedPerTaskAcross(Io tasks, Io owner) throws Exception {
        String pair = tasks.name() + " locking " + owner.name();
        Mutex mutex = owner.mutex();
        Future<String, RuntimeException> a = tasks.concurrent(() -> {
            mutex.lock();
            try {
                Future<String, RuntimeException> b = tasks.concurrent(() -> {
                    if (mutex.tryLock()) {
                        mutex.unlock();
                        return "B locked the mutex A holds";
                    }
                    try {
                        mutex.unlock();
                        return "B released the mutex A holds";
                    } catch (IllegalMonitorStateException refused) {
                        return "refused";
                    }
                });
                return b.await();
            } finally {
                mutex.unlock();
            }
        });
        assertEquals("refused", outcome(a), pair);
        assertFalse(mutex.isLocked(), pair);
    }

    /**
     * The future's result, or the {@link CanceledException} it ended with; fails if it does not
     * complete within {@link #HANG}.
     */
    private static Object outcome(Future<?, ?> future) throws Exception {
        try {
            return future.await(HANG);
        } catch (CanceledException e) {
            return e;
        } catch (TimeoutException e) {
            throw new AssertionError("the future never completed: " + future, e);
        }
    }

    /**
     * Cancels {@code future} and checks that its task ended canceled, within {@link #HANG}: the
     * cancel, which waits for the task to end, is made on a thread of its own.
     */
    private static void assertCanceled(Future<?, ?> future, String what) throws Exception {
        Thread.ofPlatform().daemon().start(() -> cancelQuietly(future));
        assertEndedCanceled(future, what);
    }

    /** Cancels {@code future}, on a thread of its own, leaving its outcome to be read elsewhere. */
    @NeverSuspends
    private static void cancelQuietly(Future<?, ?> future) {
        try {
            future.cancel();
        } catch (Exception ignored) {
            // the outcome is read by whoever started this
        }
    }

    /** Checks that {@code future}'s task ended canceled, within {@link #HANG}, with nobody canceling it here. */
    private static void assertEndedCanceled(Future<?, ?> future, String what) throws Exception {
        Object outcome = outcome(future);
        if (!(outcome instanceof CanceledException)) {
            fail(what + " was not canceled: it ended with " + outcome);
        }
    }

    /** {@code outcome} is the CanceledException of a task abandoned by its closing Io {@code when}. */
    private static void assertClosedWhile(String when, Object outcome) {
        if (!(outcome instanceof CanceledException canceled)) {
            fail("expected the task's result or CanceledException, not " + outcome);
            return;
        }
        String message = String.valueOf(canceled.getMessage());
        assertTrue(message.contains("closed") && message.contains(when), message);
    }

    /** A backend that closes with tasks it will not run reports each as abandoned, and leaks nothing else. */
    private static void assertOnlyAbandonedTasks(List<Leak> leaks) {
        for (Leak leak : leaks) {
            assertEquals(Leak.Kind.FRAME, leak.kind(), leaks::toString);
        }
    }
}
