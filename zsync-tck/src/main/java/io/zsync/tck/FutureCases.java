package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.AsyncStackTrace;
import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Select;
import io.zsync.TaskStackOverflowError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future.State;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Futures: results, typed errors, idempotence, timeouts, async stack traces. */
final class FutureCases {

    private FutureCases() {}

    static List<Case> cases() {
        String area = "future";
        return List.of(
                Case.of(area, "await returns the task's result", io ->
                        assertEquals(42, io.async(() -> 6 * 7).await())),
                Case.concurrent(area, "state is RUNNING until the task ends, then SUCCESS, and resultNow gives the result without waiting", io -> {
                    Event release = io.event();
                    Future<Integer, RuntimeException> task = io.concurrent(() -> {
                        release.await();
                        return 7;
                    });
                    assertEquals(State.RUNNING, task.state());
                    IllegalStateException early = assertThrows(IllegalStateException.class, task::resultNow);
                    assertTrue(early.getMessage().contains("has not ended yet"), early.getMessage());
                    assertThrows(IllegalStateException.class, task::exceptionNow);
                    release.set();
                    assertEquals(7, task.await());
                    assertEquals(State.SUCCESS, task.state());
                    assertEquals(7, task.resultNow());
                    IllegalStateException noFailure = assertThrows(IllegalStateException.class, task::exceptionNow);
                    assertTrue(noFailure.getMessage().contains("ended with a result"), noFailure.getMessage());
                }),
                Case.of(area, "a failed task's state is FAILED, exceptionNow is its own exception and resultNow refuses with it as cause", io -> {
                    IOException boom = new IOException("boom");
                    Future<Integer, IOException> task = io.async(() -> {
                        throw boom;
                    });
                    assertSame(boom, assertThrows(IOException.class, task::await));
                    assertEquals(State.FAILED, task.state());
                    assertSame(boom, task.exceptionNow());
                    IllegalStateException refused = assertThrows(IllegalStateException.class, task::resultNow);
                    assertSame(boom, refused.getCause());
                }),
                Case.concurrent(area, "a canceled task's state is CANCELLED, and neither resultNow nor exceptionNow gives anything", io -> {
                    Future<Void, RuntimeException> sleeper = io.concurrent(() -> io.sleep(Duration.ofHours(1)));
                    assertThrows(CanceledException.class, sleeper::cancel);
                    assertEquals(State.CANCELLED, sleeper.state());
                    IllegalStateException refused = assertThrows(IllegalStateException.class, sleeper::resultNow);
                    assertTrue(refused.getMessage().contains("was canceled"), refused.getMessage());
                    assertThrows(IllegalStateException.class, sleeper::exceptionNow);
                }),
                Case.of(area, "a void task's future yields null", io -> {
                    int[] ran = {0};
                    Future<Void, RuntimeException> f = io.async(() -> {
                        ran[0]++;
                    });
                    assertNull(f.await());
                    assertEquals(1, ran[0]);
                }),
                Case.of(area, "typed error: await throws the task's own checked exception", io -> {
                    Future<String, IOException> f = io.async(() -> readFails("disk gone"));
                    IOException e = assertThrows(IOException.class, f::await);
                    assertEquals("disk gone", e.getMessage());
                }),
                Case.of(area, "typed error: await throws the task's unchecked exception", io -> {
                    Future<Integer, RuntimeException> f = io.async(() -> Integer.parseInt("x"));
                    assertThrows(NumberFormatException.class, f::await);
                }),
                Case.of(area, "typed error: an Error thrown by a task is rethrown by await", io -> {
                    Future<Void, RuntimeException> f = io.async(() -> {
                        throw new AssertionError("inside");
                    });
                    assertEquals("inside", assertThrows(AssertionError.class, f::await).getMessage());
                }),
                Case.of(area, "overflow: runaway recursion fails its task with an overflow error naming the task, and the Io keeps working", io -> {
                    Future<Integer, RuntimeException> runaway = io.async(() -> recurse(0));
                    TaskStackOverflowError e = assertThrows(TaskStackOverflowError.class, runaway::await);
                    assertTrue(e.getMessage().contains("spawned at " + FutureCases.class.getName()), e.getMessage());
                    assertTrue(e.getMessage().contains("recursing in " + FutureCases.class.getName() + ".recurse"), e.getMessage());
                    assertInstanceOf(StackOverflowError.class, e.getCause());
                    assertNotNull(AsyncStackTrace.of(e), "the overflow carries the task's async stack trace");
                    assertEquals(1, io.async(() -> 1).await());
                }),
                Case.of(area, "overflow: runaway recursion that suspends on its way down fails with the overflow error too", io -> {
                    Future<Integer, RuntimeException> runaway = io.async(() -> recurseYielding(io, 0));
                    TaskStackOverflowError e = assertThrows(TaskStackOverflowError.class, runaway::await);
                    assertTrue(e.getMessage().contains("recursing in " + FutureCases.class.getName() + ".recurseYielding"), e.getMessage());
                    assertEquals(1, io.async(() -> 1).await());
                }),
                Case.concurrent(area, "overflow: a task overflowing its stack leaves the backend serving the tasks beside it", io -> {
                    Event released = io.event();
                    Future<String, RuntimeException> sibling = io.concurrent(() -> {
                        released.await();
                        return "served";
                    });
                    Future<Integer, RuntimeException> runaway = io.concurrent(() -> recurse(0));
                    assertThrows(TaskStackOverflowError.class, runaway::await);
                    released.set();
                    assertEquals("served", sibling.await());
                    assertEquals(2, io.concurrent(() -> 2).await());
                }),
                Case.of(area, "await is idempotent: the same result every time", io -> {
                    Future<List<String>, RuntimeException> f = io.async(() -> List.of("a"));
                    assertSame(f.await(), f.await());
                }),
                Case.of(area, "await is idempotent: the same exception instance every time", io -> {
                    Future<String, IOException> f = io.async(() -> readFails("once"));
                    IOException first = assertThrows(IOException.class, f::await);
                    assertSame(first, assertThrows(IOException.class, f::await));
                }),
                Case.of(area, "cancel of a finished task returns its result", io -> {
                    Future<String, RuntimeException> f = io.async(() -> "done");
                    f.await();
                    assertEquals("done", f.cancel());
                }),
                Case.of(area, "cancel of a failed task throws its exception", io -> {
                    Future<String, IOException> f = io.async(() -> readFails("failed"));
                    assertThrows(IOException.class, f::await);
                    assertEquals("failed", assertThrows(IOException.class, f::cancel).getMessage());
                }),
                Case.of(area, "cancel is idempotent", io -> {
                    Future<Integer, RuntimeException> f = io.async(() -> 7);
                    assertEquals(7, f.cancel());
                    assertEquals(7, f.cancel());
                    assertEquals(7, f.await());
                }),
                Case.of(area, "isDone turns true once the task has ended", io -> {
                    Future<Integer, RuntimeException> f = io.async(() -> 1);
                    f.await();
                    assertTrue(f.isDone());
                }),
                Case.of(area, "close after await keeps the result", io -> {
                    Future<Integer, RuntimeException> f = io.async(() -> 3);
                    try (f) {
                        assertEquals(3, f.await());
                    }
                    assertEquals(3, f.await());
                }),
                Case.concurrent(area, "close of a future never awaited cancels the task", io -> {
                    Event started = io.event();
                    AtomicReference<Throwable> seen = new AtomicReference<>();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        started.set();
                        try {
                            io.sleep(Duration.ofHours(1));
                        } catch (CanceledException e) {
                            seen.set(e);
                            throw e;
                        }
                    });
                    try (f) {
                        started.await();
                    }
                    assertTrue(f.isDone());
                    assertTrue(seen.get() instanceof CanceledException);
                }),
                Case.concurrent(area, "await with a timeout throws TimeoutException and the task keeps running", io -> {
                    Event go = io.event();
                    Future<String, RuntimeException> f = io.concurrent(() -> {
                        go.await();
                        return "finished";
                    });
                    TimeoutException e = assertThrows(TimeoutException.class, () -> f.await(Duration.ofMillis(5)));
                    assertTrue(e.getMessage().contains("keeps running"), e.getMessage());
                    assertFalse(f.isDone());
                    go.set();
                    assertEquals("finished", f.await());
                }),
                Case.of(area, "await with a timeout returns the result of a task that ends in time", io -> {
                    Future<Integer, RuntimeException> f = io.async(() -> 5);
                    assertEquals(5, f.await(Duration.ofMinutes(1)));
                }),
                Case.concurrent(area, "a task awaiting its own future gets a clear error", io -> {
                    io.zsync.Queue<Future<String, RuntimeException>> self = io.queue(1);
                    Future<String, RuntimeException> f = io.concurrent(() -> {
                        try {
                            self.get().await();
                            return "no error";
                        } catch (IllegalStateException e) {
                            return e.getMessage();
                        }
                    });
                    self.put(f);
                    assertTrue(f.await().contains("its own future"), f.await());
                }),
                Case.of(area, "async trace: a failure shows where its task was spawned", io -> {
                    Future<String, IOException> f = io.async(() -> readFails("traced"));
                    IOException e = assertThrows(IOException.class, f::await);
                    AsyncStackTrace trace = AsyncStackTrace.of(e);
                    assertNotNull(trace, "no async stack trace attached");
                    assertTrue(Arrays.stream(trace.getStackTrace())
                            .anyMatch(frame -> frame.getClassName().startsWith(FutureCases.class.getName())),
                            () -> "spawn site not in " + Arrays.toString(trace.getStackTrace()));
                }),
                Case.of(area, "async trace: the chain of spawns above a failure is kept", io -> {
                    Future<String, IOException> outer = io.async(() -> io.async(() -> readFails("deep")).await());
                    IOException e = assertThrows(IOException.class, outer::await);
                    AsyncStackTrace trace = AsyncStackTrace.of(e);
                    assertNotNull(trace);
                    assertNotNull(trace.getCause(), "the spawner's site is missing");
                    assertEquals(1, Arrays.stream(e.getSuppressed()).filter(s -> s instanceof AsyncStackTrace).count(),
                            "one async trace, not one per await");
                }),
                Case.of(area, "async trace: a failure after a suspension keeps every frame of the task's call chain", io -> {
                    Future<String, IOException> f = io.async(() -> failAfterSleeping(io));
                    IOException e = assertThrows(IOException.class, f::await);
                    List<String> methods = Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName).toList();
                    assertTrue(methods.containsAll(List.of("readFails", "sleepThenFail", "failAfterSleeping")), methods::toString);
                    assertNotNull(AsyncStackTrace.of(e), "no async stack trace attached");
                }),
                Case.of(area, "async trace: a failure in a group member shows where the member was spawned", io -> {
                    try (Group<IOException> group = io.group()) {
                        group.async(() -> {
                            readFails("in a group");
                        });
                        IOException e = assertThrows(IOException.class, group::await);
                        assertSpawnedHere(e);
                    }
                }),
                Case.of(area, "async trace: a failing select racer shows where it was spawned", io -> {
                    try (Select<String, IOException> race = io.select()) {
                        race.async(() -> readFails("in a race"));
                        assertSpawnedHere(assertThrows(IOException.class, race::await));
                    }
                }),
                Case.of(area, "async trace: the exception keeps its own stack trace", io -> {
                    Future<String, IOException> f = io.async(() -> readFails("own"));
                    IOException e = assertThrows(IOException.class, f::await);
                    assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(s -> s.getMethodName().equals("readFails")));
                }),
                Case.of(area, "a canceled task leaves no async trace on its CanceledException", io -> {
                    Future<Void, RuntimeException> f = io.async(() -> {
                        throw new CanceledException();
                    });
                    CanceledException e = assertThrows(CanceledException.class, f::await);
                    assertNull(AsyncStackTrace.of(e));
                }),
                Case.of(area, "writes of a task happen-before await returns", io -> {
                    for (int i = 0; i < 1_000; i++) {
                        int[] box = new int[1];
                        int value = i;
                        io.async(() -> {
                            box[0] = value;
                        }).await();
                        assertEquals(value, box[0]);
                    }
                }),
                Case.of(area, "writes before async happen-before the task runs", io -> {
                    for (int i = 0; i < 1_000; i++) {
                        int[] box = {i};
                        int expected = i;
                        assertEquals(expected, io.async(() -> box[0]).await());
                    }
                }),
                Case.of(area, "ten thousand futures each yield their own result", io -> {
                    List<Future<Integer, RuntimeException>> all = new ArrayList<>();
                    for (int i = 0; i < 10_000; i++) {
                        int n = i;
                        all.add(io.async(() -> n * 2));
                    }
                    long sum = 0;
                    for (Future<Integer, RuntimeException> f : all) {
                        sum += f.await();
                    }
                    assertEquals(2L * (10_000L * 9_999L / 2), sum);
                }),
                Case.of(area, "nested async/await runs to the end at any depth", io ->
                        assertEquals(50, nest(io, 50))));
    }

    static String readFails(String message) throws IOException {
        throw new IOException(message);
    }

    private static String failAfterSleeping(Io io) throws IOException {
        return sleepThenFail(io);
    }

    private static String sleepThenFail(Io io) throws IOException {
        io.sleep(Duration.ofMillis(1));
        return readFails("after a suspension");
    }

    private static void assertSpawnedHere(Exception e) {
        AsyncStackTrace trace = AsyncStackTrace.of(e);
        assertNotNull(trace, "no async stack trace attached");
        assertTrue(Arrays.stream(trace.getStackTrace()).anyMatch(frame -> frame.getClassName().startsWith(FutureCases.class.getName())),
                () -> "spawn site not in " + Arrays.toString(trace.getStackTrace()));
    }

    /**
     * Recursion without end that yields every 64 levels down to 2,048: on a loop, a suspended chain
     * deeper at each yield. (Not all the way down: a virtual thread that yields that often with a
     * stack that deep fills the heap with the copies of its stack.)
     */
    private static int recurseYielding(Io io, int depth) {
        if (depth % 64 == 0 && depth <= 2048) {
            io.yieldNow();
        }
        return recurseYielding(io, depth + 1) + 1;
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private static int nest(Io io, int depth) {
        return depth == 0 ? 0 : io.async(() -> nest(io, depth - 1) + 1).await();
    }
}
