package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.VoidTask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The Io itself: lookup, closing, concurrency, time and randomness. */
final class IoCases {

    private IoCases() {}

    static List<Case> cases() {
        String area = "io";
        return List.of(
                Case.of(area, "open of an unknown backend names the installed ones", io -> {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Io.open("nope"));
                    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains(io.name()), e.getMessage());
                }),
                Case.of(area, "the backend is listed by Io.backends under its name", io ->
                        assertTrue(Io.backends().contains(io.name()), Io.backends() + " lacks " + io.name())),
                Case.of(area, "a closed Io refuses new tasks with a clear error", io -> {
                    io.close();
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> io.async(() -> 1));
                    assertTrue(e.getMessage().contains("closed"), e.getMessage());
                    io.close();
                }),
                Case.of(area, "concurrent runs concurrently, or fails permanently naming a backend that can", io -> {
                    Event go = io.event();
                    try {
                        Future<Void, RuntimeException> f = io.concurrent(() -> go.await());
                        go.set();
                        f.await();
                    } catch (ConcurrencyUnavailableException e) {
                        assertTrue(e.isPermanent());
                        assertEquals(io.name(), e.backend());
                        assertTrue(e.getMessage().contains(io.name()) && e.getMessage().contains("virtual"), e.getMessage());
                    }
                }),
                Case.concurrent(area, "concurrent runs the task beside its caller", io -> {
                    Event ping = io.event();
                    Event pong = io.event();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        ping.await();
                        pong.set();
                    });
                    ping.set();
                    pong.await();
                    f.await();
                }),
                Case.of(area, "blocking work returns its result and throws its checked exception as it is", io -> {
                    assertEquals(42, (int) io.blocking(() -> 42));
                    IOException thrown = new IOException("disk on fire");
                    assertSame(thrown, assertThrows(IOException.class, () -> io.blocking(() -> {
                        throw thrown;
                    })));
                }),
                Case.of(area, "blocking work that returns nothing runs, and throws its checked exception as it is", io -> {
                    List<String> done = new ArrayList<>();
                    io.blocking(() -> {
                        done.add("closed");
                    });
                    assertEquals(List.of("closed"), done);
                    IOException thrown = new IOException("cannot close");
                    VoidTask<IOException> failing = () -> {
                        throw thrown;
                    };
                    assertSame(thrown, assertThrows(IOException.class, () -> io.blocking(failing)));
                    NullPointerException none = assertThrows(NullPointerException.class, () -> io.blocking((VoidTask<RuntimeException>) null));
                    assertTrue(none.getMessage().startsWith("work is null"), none.getMessage());
                }),
                Case.concurrent(area, "blocking work in a task runs while other tasks run on", io -> {
                    Event release = io.event();
                    Future<String, RuntimeException> blocked = io.concurrent(() -> io.blocking(() -> {
                        release.await();
                        return "done";
                    }));
                    Future<String, RuntimeException> other = io.concurrent(() -> "ran");
                    assertEquals("ran", other.await(), "another task ran while the blocking work waited");
                    release.set();
                    assertEquals("done", blocked.await());
                }),
                Case.concurrent(area, "yieldNow lets the tasks beside a polling task run", io -> {
                    AtomicBoolean set = new AtomicBoolean();
                    Future<Void, RuntimeException> poller = io.concurrent(() -> {
                        while (!set.get()) {
                            io.yieldNow();
                        }
                    });
                    io.concurrent(() -> set.set(true)).await();
                    poller.await();
                }),
                Case.concurrent(area, "yieldNow is not a cancellation point", io -> {
                    Future<String, RuntimeException> f = io.concurrent(() -> {
                        Spin.untilCancelRequested(io);
                        io.yieldNow();
                        return "went on";
                    });
                    assertEquals("went on", f.cancel());
                }),
                Case.of(area, "sleep of zero or a negative duration returns at once", io -> {
                    io.sleep(Duration.ZERO);
                    io.sleep(Duration.ofSeconds(-5));
                }),
                Case.of(area, "sleep lasts at least its duration", io -> {
                    long start = io.nanoTime();
                    io.sleep(Duration.ofMillis(20));
                    assertTrue(io.nanoTime() - start >= Duration.ofMillis(20).toNanos());
                }),
                Case.concurrent(area, "a sleep too long for the clock is accepted and canceled cleanly", io -> {
                    Event asleep = io.event();
                    Future<Void, RuntimeException> f = io.concurrent(() -> {
                        asleep.set();
                        io.sleep(Duration.ofSeconds(Long.MAX_VALUE));
                    });
                    asleep.await();
                    assertThrows(io.zsync.CanceledException.class, f::cancel);
                }),
                Case.of(area, "nanoTime never goes backwards", io -> {
                    long last = io.nanoTime();
                    for (int i = 0; i < 10_000; i++) {
                        long now = io.nanoTime();
                        assertTrue(now >= last);
                        last = now;
                    }
                }),
                Case.of(area, "now moves forward with sleep", io -> {
                    Instant before = io.now();
                    io.sleep(Duration.ofMillis(5));
                    assertFalse(io.now().isBefore(before));
                }),
                Case.of(area, "random yields values in range", io -> {
                    for (int i = 0; i < 1_000; i++) {
                        int n = io.random().nextInt(10);
                        assertTrue(n >= 0 && n < 10);
                    }
                }),
                Case.of(area, "async inside tasks inside tasks: a thousand small trees complete", io -> {
                    long total = 0;
                    for (int i = 0; i < 1_000; i++) {
                        int n = i;
                        total += io.async(() -> io.async(() -> n).await() + io.async(() -> 1).await()).await();
                    }
                    assertEquals(1_000L * 999 / 2 + 1_000, total);
                }),
                Case.of(area, "name is stable and non-empty", io -> {
                    assertFalse(io.name().isBlank());
                    assertEquals(io.name(), io.name());
                }));
    }
}
