package io.zsync.cli;

import io.zsync.CanceledException;
import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Mutex;
import io.zsync.Queue;
import io.zsync.Select;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The demo's program: written once against {@link Io}, it does not know which backend runs it.
 * Each step prints what happened and how long it took, so the backends can be compared; where a
 * backend behaves differently (no concurrency, a busy pool), it says so rather than hiding it.
 */
final class Tour {

    private static final int FETCHES = 8;
    private static final Duration FETCH_TIME = Duration.ofMillis(20);
    private static final Duration SLOW_FETCH_TIME = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(50);
    private static final int ITEMS = 20;
    private static final int QUEUE_CAPACITY = 4;
    private static final int WORKERS = 4;
    private static final Duration CRITICAL_SECTION = Duration.ofMillis(5);

    /** What wins the race: the fetch's answer, or the timeout. */
    private sealed interface RaceOutcome permits Fetched, TimedOut {}

    private record Fetched(int bytes) implements RaceOutcome {}

    private record TimedOut(Duration after) implements RaceOutcome {}

    private final Io io;
    private final PrintWriter out;

    Tour(Io io, PrintWriter out) {
        this.io = io;
        this.out = out;
    }

    void run() {
        fanOut();
        race();
        timeout();
        cancel();
        pipeline();
        sharedLock();
    }

    /** A group of fetches, all awaited together. */
    private void fanOut() {
        long start = io.nanoTime();
        int[] sizes = new int[FETCHES];
        try (Group<RuntimeException> group = io.group()) {
            for (int i = 0; i < FETCHES; i++) {
                int page = i;
                group.async(() -> sizes[page] = fetch(page));
            }
            group.await();
        }
        int total = 0;
        for (int size : sizes) {
            total += size;   // group.await() made every task's write visible
        }
        say("fan-out", "%d fetches of %d ms each in a group: %d bytes in %s ms (about %d ms if they"
                + " overlap, %d ms one after another)", FETCHES, FETCH_TIME.toMillis(), total, millisSince(start),
                FETCH_TIME.toMillis(), FETCHES * FETCH_TIME.toMillis());
    }

    private int fetch(int page) {
        io.sleep(FETCH_TIME);
        return 512 * (page + 1);
    }

    /** A slow fetch against a timeout; the loser is canceled when the select closes. */
    private void race() {
        long start = io.nanoTime();
        RaceOutcome first;
        try (Select<RaceOutcome, RuntimeException> race = io.select()) {
            race.async(() -> {
                io.sleep(SLOW_FETCH_TIME);
                return new Fetched(4096);
            });
            race.async(() -> {
                io.sleep(TIMEOUT);
                return new TimedOut(TIMEOUT);
            });
            first = race.await();
        }
        String ms = millisSince(start);
        switch (first) {
            case TimedOut t -> say("race", "slow fetch (%d ms) vs timeout (%d ms): the timeout won; the slow fetch"
                    + " was canceled as the select closed, %s ms in all", SLOW_FETCH_TIME.toMillis(),
                    t.after().toMillis(), ms);
            case Fetched f -> say("race", "slow fetch (%d ms) vs timeout (%d ms): the slow fetch won (%d bytes),"
                    + " %s ms in all: the backend ran it inline, to its end, as it was started (it has no"
                    + " concurrency, or none free), so it finished before the timeout task even began",
                    SLOW_FETCH_TIME.toMillis(), TIMEOUT.toMillis(), f.bytes(), ms);
        }
    }

    /**
     * The slow fetch again, under {@code io.withTimeout}: canceled at the deadline and waited for,
     * with no task or timer of its own, so that it works the same inline on {@code blocking}.
     */
    private void timeout() {
        long start = io.nanoTime();
        try {
            int bytes = io.withTimeout(TIMEOUT, () -> {
                io.sleep(SLOW_FETCH_TIME);
                return 4096;
            });
            say("timeout", "the slow fetch beat its %d ms deadline (%d bytes)", TIMEOUT.toMillis(), bytes);
        } catch (TimeoutException e) {
            say("timeout", "slow fetch (%d ms) under io.withTimeout(%d ms): canceled at the deadline,"
                    + " TimeoutException after %s ms", SLOW_FETCH_TIME.toMillis(), TIMEOUT.toMillis(), millisSince(start));
        }
    }

    /**
     * An hour-long sleep, canceled. It is started with {@code concurrent}, not {@code async}: a
     * backend that cannot run it alongside must refuse it rather than sleep an hour inline.
     */
    private void cancel() {
        Event started = io.event();
        Future<Void, RuntimeException> sleeper;
        try {
            sleeper = io.concurrent(() -> {
                started.set();
                io.sleep(Duration.ofHours(1));
            });
        } catch (ConcurrencyUnavailableException e) {
            say("cancel", "io.concurrent refused a task that sleeps an hour: %s", e.getMessage());
            return;
        }
        started.await();
        long start = io.nanoTime();
        try {
            sleeper.cancel();
            say("cancel", "the hour-long sleep ended without being canceled");
        } catch (CanceledException e) {
            say("cancel", "a task sleeping for an hour was canceled: cancel() returned in %s ms,"
                    + " with CanceledException", millisSince(start));
        }
    }

    /** A producer and a consumer joined by a bounded queue; closing the queue ends the stream. */
    private void pipeline() {
        long start = io.nanoTime();
        Queue<Integer> queue = io.queue(QUEUE_CAPACITY);
        Future<Void, RuntimeException> producer;
        try {
            producer = io.concurrent(() -> produce(queue));
        } catch (ConcurrencyUnavailableException e) {
            // Nothing takes from the queue while an inline producer runs: it needs room for everything.
            Queue<Integer> roomy = io.queue(ITEMS);
            produce(roomy);
            say("pipeline", "io.concurrent refused the producer ('%s' %s), so the producer ran first, then the"
                    + " consumer, through a queue of %d", e.backend(), e.isPermanent() ? "has no concurrency" : "is busy",
                    ITEMS);
            consume(roomy, start);
            return;
        }
        say("pipeline", "a producer task feeds this consumer through a queue of %d, side by side", QUEUE_CAPACITY);
        consume(queue, start);
        producer.await();
    }

    /**
     * Workers that update one counter under one mutex, each holding it across a short sleep (as
     * code that holds a lock across I/O does): all but one wait for it at a time. {@code zsync
     * profile} names this mutex in its contention report.
     */
    private void sharedLock() {
        long start = io.nanoTime();
        Mutex lock = io.mutex();
        int[] counter = {0};
        try (Group<RuntimeException> workers = io.group()) {
            for (int i = 0; i < WORKERS; i++) {
                workers.async(() -> lock.withLock(() -> {
                    io.sleep(CRITICAL_SECTION);
                    return ++counter[0];
                }));
            }
            workers.await();
        }
        say("lock", "%d workers took turns holding one Mutex for %d ms each: counter %d, %s ms in all (%d ms if"
                + " nobody had to wait for it)", WORKERS, CRITICAL_SECTION.toMillis(), counter[0], millisSince(start),
                CRITICAL_SECTION.toMillis());
    }

    private void consume(Queue<Integer> queue, long start) {
        int[] takenAndSum = {0, 0};
        queue.forEach(item -> {           // returns once the producer closed the queue and all was taken
            takenAndSum[0]++;
            takenAndSum[1] += item;
        });
        say("", "the consumer took %d items (sum %d) until the queue was closed, in %s ms", takenAndSum[0],
                takenAndSum[1], millisSince(start));
    }

    private static void produce(Queue<Integer> queue) {
        for (int i = 1; i <= ITEMS; i++) {
            queue.put(i);
        }
        queue.close();
    }

    private String millisSince(long start) {
        return String.format(Locale.ROOT, "%.1f", (io.nanoTime() - start) / 1e6);
    }

    private void say(String step, String format, Object... args) {
        out.printf(Locale.ROOT, "%-9s %s%n", step, String.format(Locale.ROOT, format, args));
    }
}
