package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Select;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future.State;
import java.util.concurrent.TimeoutException;

/**
 * Any-of and all-of over futures already running: {@code Select.add}, {@code Select.awaitSuccess}
 * and {@code Future.awaitAll} (issue 10, item 4).
 */
final class AnyAllCases {

    /** A timeout that fires: what the cases wait for never happens. */
    private static final Duration SHORT = Duration.ofMillis(20);

    private AnyAllCases() {}

    static List<Case> cases() {
        return List.of(
                Case.concurrent("select", "add races futures already running; close cancels the loser", io -> {
                    Event never = io.event();
                    Future<String, RuntimeException> slow = io.concurrent(() -> {
                        never.await();
                        return "slow";
                    });
                    Future<String, RuntimeException> fast = io.concurrent(() -> "fast");
                    try (Select<String, RuntimeException> race = io.select()) {
                        race.add(slow);
                        race.add(fast);
                        assertEquals("fast", race.await());
                    }
                    assertEquals(State.CANCELLED, slow.state(), "the select did not cancel the loser it took over");
                }),
                Case.of("select", "add of a future that has ended hands it out at once", io -> {
                    Future<Integer, RuntimeException> done = io.async(() -> 7);
                    try (Select<Integer, RuntimeException> race = io.select()) {
                        race.add(done);
                        assertEquals(1, race.remaining());
                        assertEquals(7, race.await());
                    }
                    assertEquals(7, done.await(), "the future itself still gives its outcome");
                }),
                Case.of("select", "add refuses a future it holds already, and a closed select refuses any", io -> {
                    Future<Integer, RuntimeException> done = io.async(() -> 7);
                    Select<Integer, RuntimeException> race = io.select();
                    race.add(done);
                    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> race.add(done));
                    assertTrue(twice.getMessage().contains("already"), twice.getMessage());
                    race.close();
                    Future<Integer, RuntimeException> other = io.async(() -> 8);
                    IllegalStateException closed = assertThrows(IllegalStateException.class, () -> race.add(other));
                    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
                    other.await();
                }),
                Case.of("select", "awaitSuccess passes over the failures to the first result", io -> {
                    try (Select<String, IOException> race = io.select()) {
                        race.async(() -> FutureCases.readFails("a"));
                        race.async(() -> "ok");
                        race.async(() -> FutureCases.readFails("b"));
                        assertEquals("ok", race.awaitSuccess());
                    }
                }),
                Case.of("select", "awaitSuccess with every task failing throws the first, the others suppressed", io -> {
                    try (Select<String, IOException> race = io.select()) {
                        race.async(() -> FutureCases.readFails("a"));
                        race.async(() -> {
                            throw new CanceledException();
                        });
                        race.async(() -> FutureCases.readFails("b"));
                        race.async(() -> FutureCases.readFails("c"));
                        IOException first = assertThrows(IOException.class, race::awaitSuccess);
                        assertEquals(Set.of("a", "b", "c"), messages(first));
                        assertThrows(IllegalStateException.class, race::awaitSuccess, "every task was handed out");
                    }
                }),
                Case.of("select", "awaitSuccess with every task ending canceled says that none succeeded", io -> {
                    try (Select<String, IOException> race = io.select()) {
                        race.async(() -> {
                            throw new CanceledException();
                        });
                        race.async(() -> {
                            throw new CanceledException();
                        });
                        IllegalStateException none = assertThrows(IllegalStateException.class, race::awaitSuccess);
                        assertTrue(none.getMessage().contains("ended canceled"), none.getMessage());
                    }
                }),
                Case.concurrent("select", "awaitSuccess over added futures: the first success, the rest canceled at close", io -> {
                    Event never = io.event();
                    Future<String, IOException> failing = io.concurrent(() -> FutureCases.readFails("mirror down"));
                    Future<String, IOException> hanging = io.concurrent(() -> {
                        never.await();
                        return "too late";
                    });
                    Future<String, IOException> answering = io.concurrent(() -> "mirror up");
                    try (Select<String, IOException> race = io.select()) {
                        race.add(failing);
                        race.add(hanging);
                        race.add(answering);
                        assertEquals("mirror up", race.awaitSuccess());
                    }
                    assertEquals(State.CANCELLED, hanging.state());
                }),
                Case.of("select", "withTimeout around a race whose tasks the deadline ended canceled (inline, where async runs them so) is a TimeoutException", io -> {
                    Event never = io.event();
                    for (boolean withFailure : new boolean[] {false, true}) {
                        assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> {
                            try (Select<String, IOException> race = io.select()) {
                                if (withFailure) {
                                    race.async(() -> FutureCases.readFails("mirror down"));
                                }
                                race.async(() -> {
                                    never.await();
                                    return "too late";
                                });
                                return race.awaitSuccess();
                            }
                        }), withFailure ? "with a failed racer" : "without a failed racer");
                    }
                }),
                Case.concurrent("select", "withTimeout around awaitSuccess: TimeoutException, every task of the race canceled and waited for", io -> {
                    Event never = io.event();
                    Future<String, IOException> failing = io.concurrent(() -> FutureCases.readFails("mirror down"));
                    Future<String, IOException> hanging = io.concurrent(() -> {
                        never.await();
                        return "too late";
                    });
                    try (Select<String, IOException> race = io.select()) {
                        race.add(failing);
                        race.add(hanging);
                        race.concurrent(() -> {
                            never.await();
                            return "started here";
                        });
                        assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> race.awaitSuccess()));
                        assertEquals(State.CANCELLED, hanging.state(), "a loser ran on after the timeout");
                        assertEquals(State.FAILED, failing.state());
                        assertFalse(io.cancelRequested(), "the caller was left canceled");
                        race.concurrent(() -> "after");
                        assertEquals("after", race.awaitSuccess(), "the select is usable after the timeout");
                    }
                }),
                Case.concurrent("future", "withTimeout around awaitAll: TimeoutException, every future ended, those still running canceled", io -> {
                    Event never = io.event();
                    Future<String, RuntimeException> done = io.concurrent(() -> "done");
                    Future<String, RuntimeException> hanging = io.concurrent(() -> {
                        never.await();
                        return "never";
                    });
                    assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> Future.awaitAll(List.of(done, hanging))));
                    assertEquals(State.CANCELLED, hanging.state(), "awaitAll left a future running after the timeout");
                    assertEquals("done", done.resultNow());
                    assertFalse(io.cancelRequested());
                }),
                Case.of("future", "awaitAll gives the results in the order given", io -> {
                    List<Future<Integer, RuntimeException>> futures = new ArrayList<>();
                    List<Integer> expected = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        int n = i;
                        futures.add(io.async(() -> {
                            for (int y = 0; y < (20 - n) % 5; y++) {
                                io.yieldNow();
                            }
                            return n;
                        }));
                        expected.add(n);
                    }
                    assertEquals(expected, Future.awaitAll(futures));
                    assertEquals(List.of(), Future.awaitAll(List.<Future<Integer, RuntimeException>>of()));
                }),
                Case.concurrent("future", "awaitAll: the first failure cancels the others and is thrown", io -> {
                    Event never = io.event();
                    Future<String, IOException> hanging = io.concurrent(() -> {
                        never.await();
                        return "never";
                    });
                    Future<String, IOException> failing = io.concurrent(() -> FutureCases.readFails("one failed"));
                    IOException thrown = assertThrows(IOException.class, () -> Future.awaitAll(List.of(hanging, failing)));
                    assertEquals("one failed", thrown.getMessage());
                    assertEquals(State.CANCELLED, hanging.state(), "awaitAll left a future running");
                }),
                Case.of("future", "awaitAll: a future that ended canceled yields to a real failure", io -> {
                    Future<String, IOException> canceled = io.async(() -> {
                        throw new CanceledException();
                    });
                    Future<String, IOException> failing = io.async(() -> FutureCases.readFails("real"));
                    Future<String, IOException> fine = io.async(() -> "fine");
                    assertThrows(CanceledException.class, canceled::await);
                    assertThrows(IOException.class, failing::await);
                    // The canceled one ends first in awaitAll's eyes; the failure is thrown all the same.
                    IOException thrown = assertThrows(IOException.class, () -> Future.awaitAll(List.of(fine, canceled, failing)));
                    assertEquals("real", thrown.getMessage());
                    Future<String, IOException> canceledAlone = io.async(() -> {
                        throw new CanceledException();
                    });
                    assertThrows(CanceledException.class, () -> Future.awaitAll(List.of(canceledAlone)));
                }),
                Case.concurrent("future", "a canceled awaitAll cancels every future and waits for them", io -> {
                    Event never = io.event();
                    Event ready = io.event();
                    Future<String, RuntimeException> a = io.concurrent(() -> {
                        never.await();
                        return "a";
                    });
                    Future<String, RuntimeException> b = io.concurrent(() -> {
                        ready.set();
                        never.await();
                        return "b";
                    });
                    Future<List<String>, RuntimeException> awaiter = io.concurrent(() -> Future.awaitAll(List.of(a, b)));
                    ready.await();
                    assertThrows(CanceledException.class, awaiter::cancel);
                    assertEquals(State.CANCELLED, a.state());
                    assertEquals(State.CANCELLED, b.state());
                }),
                Case.of("misuse", "supervisorGroup, Select.add and Future.awaitAll name a null parameter", io -> {
                    expectNull("onFailure", () -> io.supervisorGroup(null));
                    try (Select<Integer, RuntimeException> race = io.select()) {
                        expectNull("future", () -> race.add(null));
                    }
                    expectNull("futures", () -> Future.awaitAll(null));
                    List<Future<Integer, RuntimeException>> holey = new ArrayList<>();
                    holey.add(io.async(() -> 1));
                    holey.add(null);
                    NullPointerException e = assertThrows(NullPointerException.class, () -> Future.awaitAll(holey));
                    assertTrue(e.getMessage().startsWith("futures holds null at index 1"), e.getMessage());
                    Future<Integer, RuntimeException> once = holey.get(0);
                    assertThrows(IllegalArgumentException.class, () -> Future.awaitAll(List.of(once, once)));
                    assertEquals(List.of(1), Future.awaitAll(List.of(once)));
                }));
    }

    private static void expectNull(String parameter, Checks.Body call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertTrue(e.getMessage().startsWith(parameter + " is null; "), e.getMessage());
    }

    /** The messages of {@code first} and of the exceptions suppressed by it, other than async traces. */
    private static Set<String> messages(Throwable first) {
        Set<String> all = new HashSet<>();
        all.add(first.getMessage());
        for (Throwable s : Arrays.asList(first.getSuppressed())) {
            if (s instanceof IOException) {
                all.add(s.getMessage());
            }
        }
        return all;
    }
}
