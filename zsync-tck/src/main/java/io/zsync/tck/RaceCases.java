package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Select;
import io.zsync.VoidTask;
import io.zsync.coroutine.Suspendable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Races a backend must win every time: spawns from many threads at once, and a group or select
 * closed while a task starts members in it. Each case runs rounds until a count or a time budget,
 * whichever comes first, so that the suite stays quick; the backends' own race tests run longer.
 */
final class RaceCases {

    /** A task that has not ended by then was lost: no task here takes more than microseconds. */
    private static final Duration LOST_AFTER = Duration.ofSeconds(20);
    /** The time budget of one case's rounds. */
    private static final long BUDGET_NANOS = Duration.ofMillis(1_500).toNanos();
    /**
     * The rounds of a close race, and their budget: before the fix, a member escaped within 2 to
     * 337 rounds; this is ten times the worst, where the machine allows it in the budget.
     */
    private static final int CLOSE_ROUNDS = 3_400;
    private static final long CLOSE_BUDGET_NANOS = Duration.ofSeconds(4).toNanos();
    /** How many members a spawner starts at most in one round, if no close stops it first. */
    private static final int MAX_MEMBERS = 100;

    private RaceCases() {}

    static List<Case> cases() {
        String area = "race";
        return List.of(
                Case.concurrent(area, "concurrent spawns from 16 threads never lose a task", io -> {
                    long end = System.nanoTime() + BUDGET_NANOS;
                    for (int round = 0; round < 20 && System.nanoTime() - end < 0; round++) {
                        spawnFromThreads(io, 16, 64);
                    }
                }),
                Case.concurrent(area, "a group closed while a task starts members never lets one escape", io -> {
                    long end = System.nanoTime() + CLOSE_BUDGET_NANOS;
                    for (int round = 0; round < CLOSE_ROUNDS && System.nanoTime() - end < 0; round++) {
                        closeGroupWhileStarting(io, round);
                    }
                }),
                Case.concurrent(area, "a select closed while a task starts racers never lets one escape", io -> {
                    long end = System.nanoTime() + CLOSE_BUDGET_NANOS;
                    for (int round = 0; round < CLOSE_ROUNDS && System.nanoTime() - end < 0; round++) {
                        closeSelectWhileStarting(io, round);
                    }
                }));
    }

    /**
     * {@code threads} platform threads each start {@code perThread} tasks at once, then await each
     * one, bounded: a task that never runs is a lost one.
     */
    private static void spawnFromThreads(Io io, int threads, int perThread) throws Exception {
        Event allDone = io.event();
        AtomicInteger running = new AtomicInteger(threads);
        CountDownLatch go = new CountDownLatch(threads);
        Threads spawners = new Threads().start(threads, () -> {
            try {
                go.countDown();
                go.await();
                @SuppressWarnings("unchecked")
                Future<Integer, RuntimeException>[] futures = new Future[perThread];
                for (int i = 0; i < perThread; i++) {
                    futures[i] = io.async(() -> 1);
                }
                int sum = 0;
                for (Future<Integer, RuntimeException> f : futures) {
                    try {
                        sum += f.await(LOST_AFTER);
                    } catch (TimeoutException e) {
                        fail("a task spawned beside " + (threads - 1) + " other spawning threads never ended: lost");
                    }
                }
                assertEquals(perThread, sum);
            } finally {
                if (running.decrementAndGet() == 0) {
                    allDone.set();
                }
            }
        });
        assertTrue(allDone.await(LOST_AFTER.multipliedBy(2)), "the spawning threads did not finish");
        spawners.join(io);
    }

    /**
     * One round: a task starts members in a loop while the caller closes the group. Every member
     * waits until canceled, so each must be refused, or canceled and awaited by the close.
     */
    private static void closeGroupWhileStarting(Io io, int round) throws Exception {
        Group<RuntimeException> group = io.group();
        closeWhileStarting(io, round, "group", group::async, group::close);
    }

    /** {@link #closeGroupWhileStarting}, for a select. */
    private static void closeSelectWhileStarting(Io io, int round) throws Exception {
        Select<Integer, RuntimeException> race = io.select();
        closeWhileStarting(io, round, "select", member -> race.async(() -> {
            member.run();
            return 0;
        }), race::close);
    }

    /** Starts {@code member} in the set under test; throws {@link IllegalStateException} once it is closed. */
    @FunctionalInterface
    private interface MemberStarter {
        @Suspendable
        void start(VoidTask<RuntimeException> member);
    }

    private static void closeWhileStarting(Io io, int round, String set, MemberStarter starter,
            VoidTask<RuntimeException> close) throws Exception {
        Event never = io.event();
        Members m = new Members();
        Future<Integer, RuntimeException> spawner = io.concurrent(() -> {
            for (int n = 0; n < MAX_MEMBERS; n++) {
                try {
                    starter.start(() -> {
                        m.started.incrementAndGet();
                        try {
                            m.waitForCancel(never);
                        } finally {
                            m.ended.incrementAndGet();
                        }
                    });
                } catch (IllegalStateException refused) {
                    return n;
                }
                m.spawned.incrementAndGet();
            }
            return MAX_MEMBERS;
        });
        m.awaitFirst(io, spawner);
        close.run();
        m.check(spawner, never, set, round);
    }

    /** The members of one round, counted as they are started, as they run, and as they end. */
    private static final class Members {

        /** Starts that returned normally. */
        final AtomicInteger spawned = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        /** Members whose wait ran out: no close canceled them. */
        final AtomicInteger uncanceled = new AtomicInteger();

        /**
         * A member's body: waits until canceled. Bounded, so that a member a close never saw
         * ends anyway, and the close that waits for it returns and the round fails, clearly.
         */
        void waitForCancel(Event never) {
            if (!never.await(LOST_AFTER)) {
                uncanceled.incrementAndGet();
            }
        }

        /** Waits (yielding) until the spawner has started a member, so that the close meets it mid-loop. */
        void awaitFirst(Io io, Future<Integer, RuntimeException> spawner) {
            while (spawned.get() == 0 && !spawner.isDone()) {
                io.yieldNow();
            }
        }

        /**
         * Just after the close returned: every member started so far has ended; and once the
         * spawner is refused, no start of its had returned normally but for those.
         */
        void check(Future<Integer, RuntimeException> spawner, Event never, String set, int round) throws Exception {
            int endedAtClose = ended.get();
            int startedAtClose = started.get();
            int members;
            try {
                members = spawner.await(LOST_AFTER);
            } catch (TimeoutException e) {
                never.set();
                spawner.cancel();
                throw new AssertionError("the spawner was never refused by the closed " + set);
            }
            if (uncanceled.get() != 0) {
                fail("round " + round + ": " + uncanceled + " members of the " + set + " were never canceled by its close,"
                        + " which had not seen them start");
            }
            if (members != endedAtClose || startedAtClose != endedAtClose) {
                never.set();
                fail("round " + round + ": the " + set + "'s close returned with " + endedAtClose + " members ended, but "
                        + startedAtClose + " had started and " + members + " starts had succeeded: a member escaped the close");
            }
        }
    }
}
