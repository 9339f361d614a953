package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Select;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Selects: the first to finish wins, losers are canceled, leftovers handed back one by one. */
final class SelectCases {

    sealed interface Answer permits Reply, TimedOut {}

    record Reply(String body) implements Answer {}

    record TimedOut() implements Answer {}

    private SelectCases() {}

    static List<Case> cases() {
        String area = "select";
        return List.of(
                Case.concurrent(area, "await returns the first task to finish", io -> {
                    Event never = io.event();
                    try (Select<Answer, RuntimeException> race = io.select()) {
                        race.concurrent(() -> {
                            never.await();
                            return new TimedOut();
                        });
                        race.concurrent(() -> new Reply("fast"));
                        Answer first = race.await();
                        assertEquals(new Reply("fast"), first);
                    }
                }),
                Case.concurrent(area, "cancelDiscard cancels the losers and waits for them", io -> {
                    Event never = io.event();
                    AtomicInteger canceled = new AtomicInteger();
                    Select<Integer, RuntimeException> race = io.select();
                    race.concurrent(() -> {
                        try {
                            never.await();
                            return 0;
                        } catch (CanceledException e) {
                            canceled.incrementAndGet();
                            throw e;
                        }
                    });
                    race.concurrent(() -> 1);
                    assertEquals(1, race.await());
                    race.cancelDiscard();
                    assertEquals(1, canceled.get());
                    assertEquals(0, race.remaining());
                }),
                Case.concurrent(area, "close cancels the losers and waits for them", io -> {
                    Event asleep = io.event();
                    AtomicInteger ended = new AtomicInteger();
                    try (Select<Integer, RuntimeException> race = io.select()) {
                        race.concurrent(() -> {
                            try {
                                asleep.set();
                                io.sleep(Duration.ofDays(1));
                                return 0;
                            } finally {
                                ended.incrementAndGet();
                            }
                        });
                        asleep.await();
                    }
                    assertEquals(1, ended.get());
                }),
                Case.of(area, "await hands back results one by one, then fails clearly", io -> {
                    Select<Integer, RuntimeException> race = io.select();
                    race.async(() -> 1);
                    race.async(() -> 2);
                    Set<Integer> got = new HashSet<>(List.of(race.await(), race.await()));
                    assertEquals(Set.of(1, 2), got);
                    IllegalStateException e = assertThrows(IllegalStateException.class, race::await);
                    assertTrue(e.getMessage().contains("no task left"), e.getMessage());
                }),
                Case.of(area, "typed error: a failing winner's exception is thrown by await", io -> {
                    try (Select<String, IOException> race = io.select()) {
                        race.async(() -> FutureCases.readFails("lost the race badly"));
                        assertThrows(IOException.class, race::await);
                    }
                }),
                Case.of(area, "tasks that end canceled are skipped", io -> {
                    try (Select<Integer, RuntimeException> race = io.select()) {
                        race.async(() -> {
                            throw new CanceledException();
                        });
                        race.async(() -> 5);
                        assertEquals(5, race.await());
                    }
                }),
                Case.of(area, "an empty select fails clearly on await", io -> {
                    Select<Integer, RuntimeException> race = io.select();
                    assertThrows(IllegalStateException.class, race::await);
                }),
                Case.of(area, "remaining counts the tasks not handed out yet", io -> {
                    try (Select<Integer, RuntimeException> race = io.select()) {
                        race.async(() -> 1);
                        race.async(() -> 2);
                        assertEquals(2, race.remaining());
                        race.await();
                        assertEquals(1, race.remaining());
                    }
                }),
                Case.of(area, "the winner's type tells the answers apart", io -> {
                    try (Select<Answer, RuntimeException> race = io.select()) {
                        race.async(TimedOut::new);
                        String said = switch (race.await()) {
                            case Reply r -> r.body();
                            case TimedOut t -> "timed out";
                        };
                        assertEquals("timed out", said);
                    }
                }),
                Case.concurrent(area, "a canceled awaiter cancels the racers and keeps what they produced", io -> {
                    Select<Integer, RuntimeException> race = io.select();
                    Event ready = io.event();
                    Future<Integer, RuntimeException> awaiter = io.concurrent(() -> {
                        race.concurrent(() -> {
                            ready.set();
                            Spin.untilCancelRequested(io);
                            return 3;
                        });
                        return race.await();
                    });
                    ready.await();
                    assertThrows(CanceledException.class, awaiter::cancel);
                    assertEquals(3, race.await(), "the racer's result was discarded");
                    assertInstanceOf(IllegalStateException.class, assertThrows(RuntimeException.class, race::await));
                }));
    }
}
