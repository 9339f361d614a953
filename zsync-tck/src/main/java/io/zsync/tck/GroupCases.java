package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Group;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** Groups: await all, first failure cancels the rest, cancellation boundaries, ownership. */
final class GroupCases {

    private GroupCases() {}

    static List<Case> cases() {
        String area = "group";
        return List.of(
                Case.of(area, "await waits for every task", io -> {
                    AtomicInteger done = new AtomicInteger();
                    try (Group<RuntimeException> g = io.group()) {
                        for (int i = 0; i < 10; i++) {
                            g.async(done::incrementAndGet);
                        }
                        g.await();
                    }
                    assertEquals(10, done.get());
                }),
                Case.of(area, "typed error: the first failure is thrown by await", io -> {
                    try (Group<IOException> g = io.group()) {
                        g.async(() -> FutureCases.readFails("member failed"));
                        assertEquals("member failed", assertThrows(IOException.class, g::await).getMessage());
                    }
                }),
                Case.of(area, "later failures are attached to the first as suppressed", io -> {
                    try (Group<IOException> g = io.group()) {
                        // b starts before a fails: a failed group starts no new member.
                        g.async(() -> {
                            g.async(() -> FutureCases.readFails("b"));
                            FutureCases.readFails("a");
                        });
                        IOException first = assertThrows(IOException.class, g::await);
                        Set<String> messages = Arrays.stream(first.getSuppressed())
                                .filter(s -> s instanceof IOException)
                                .map(Throwable::getMessage)
                                .collect(Collectors.toSet());
                        messages.add(first.getMessage());
                        assertEquals(Set.of("a", "b"), messages);
                    }
                }),
                Case.concurrent(area, "a failure cancels the other tasks", io -> {
                    Event asleep = io.event();
                    AtomicInteger canceled = new AtomicInteger();
                    try (Group<IOException> g = io.group()) {
                        g.concurrent(() -> {
                            try {
                                asleep.set();
                                io.sleep(Duration.ofDays(1));
                            } catch (CanceledException e) {
                                canceled.incrementAndGet();
                                throw e;
                            }
                        });
                        asleep.await();
                        g.concurrent(() -> FutureCases.readFails("boom"));
                        assertThrows(IOException.class, g::await);
                    }
                    assertEquals(1, canceled.get());
                }),
                Case.of(area, "a task ending canceled is not a failure of the group", io -> {
                    try (Group<RuntimeException> g = io.group()) {
                        g.async(() -> {
                            throw new CanceledException();
                        });
                        g.await();
                    }
                }),
                Case.concurrent(area, "close cancels the tasks still running and waits for them", io -> {
                    Event asleep = io.event();
                    AtomicInteger ended = new AtomicInteger();
                    Group<RuntimeException> g = io.group();
                    g.concurrent(() -> {
                        try {
                            asleep.set();
                            io.sleep(Duration.ofDays(1));
                        } finally {
                            ended.incrementAndGet();
                        }
                    });
                    asleep.await();
                    g.close();
                    assertEquals(1, ended.get());
                }),
                Case.concurrent(area, "cancelling a task cancels the groups it owns", io -> {
                    Event memberCanceled = io.event();
                    Event ready = io.event();
                    // Left open by its owner, so that only the owner's cancellation can reach the member.
                    AtomicReference<Group<RuntimeException>> owned = new AtomicReference<>();
                    Future<Void, RuntimeException> owner = io.concurrent(() -> {
                        Group<RuntimeException> g = io.group();
                        owned.set(g);
                        g.concurrent(() -> {
                            try {
                                ready.set();
                                io.sleep(Duration.ofDays(1));
                            } catch (CanceledException e) {
                                memberCanceled.set();
                            }
                        });
                        io.sleep(Duration.ofDays(1));
                    });
                    ready.await();
                    assertThrows(CanceledException.class, owner::cancel);
                    memberCanceled.await();
                    owned.get().close();
                }),
                Case.concurrent(area, "a task canceled in group.await cancels the members and waits for them", io -> {
                    Event ready = io.event();
                    AtomicInteger ended = new AtomicInteger();
                    Future<Void, RuntimeException> owner = io.concurrent(() -> {
                        try (Group<RuntimeException> g = io.group()) {
                            g.concurrent(() -> {
                                try {
                                    ready.set();
                                    io.sleep(Duration.ofDays(1));
                                } finally {
                                    ended.incrementAndGet();
                                }
                            });
                            g.await();
                        }
                    });
                    ready.await();
                    assertThrows(CanceledException.class, owner::cancel);
                    assertEquals(1, ended.get());
                }),
                Case.of(area, "a group can be used again after await", io -> {
                    AtomicInteger runs = new AtomicInteger();
                    try (Group<IOException> g = io.group()) {
                        g.async(() -> FutureCases.readFails("first round"));
                        assertThrows(IOException.class, g::await);
                        g.async(runs::incrementAndGet);
                        g.await();
                    }
                    assertEquals(1, runs.get());
                }),
                Case.of(area, "a closed group refuses new tasks with a clear error", io -> {
                    Group<RuntimeException> g = io.group();
                    g.close();
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.async(() -> {}));
                    assertTrue(e.getMessage().contains("closed"), e.getMessage());
                    g.close();
                }),
                Case.of(area, "group.concurrent runs concurrently or fails naming the backend", io -> {
                    try (Group<RuntimeException> g = io.group()) {
                        Event go = io.event();
                        try {
                            g.concurrent(() -> go.await());
                            go.set();
                            g.await();
                        } catch (ConcurrencyUnavailableException e) {
                            assertTrue(e.isPermanent());
                            assertEquals(io.name(), e.backend());
                        }
                    }
                }),
                Case.of(area, "a thousand tasks in one group", io -> {
                    AtomicInteger sum = new AtomicInteger();
                    try (Group<RuntimeException> g = io.group()) {
                        for (int i = 1; i <= 1_000; i++) {
                            int n = i;
                            g.async(() -> sum.addAndGet(n));
                        }
                        g.await();
                    }
                    assertEquals(500_500, sum.get());
                }),
                Case.of(area, "tasks of a group may start more tasks in it", io -> {
                    AtomicInteger runs = new AtomicInteger();
                    try (Group<RuntimeException> g = io.group()) {
                        g.async(() -> {
                            runs.incrementAndGet();
                            g.async(runs::incrementAndGet);
                        });
                        g.await();
                    }
                    assertEquals(2, runs.get());
                }));
    }

}
