package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Queue;
import io.zsync.QueueClosedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Consuming a queue to its end: {@code forEach} and {@code take} run until the queue is closed and
 * drained, and end without an exception; many producers and consumers lose and repeat nothing.
 */
final class QueueIterationCases {

    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 5_000;
    /** A timeout that fires: what the cases wait for never happens. */
    private static final Duration SHORT = Duration.ofMillis(20);
    /** The elements put while a consumer's forEach runs under deadline after deadline. */
    private static final int DEADLINE_RACE_ELEMENTS = 2_000;
    /** Each forEach's timeout: about as long as a few elements take to come. */
    private static final long DEADLINE_RACE_NANOS = 50_000;
    private static final int DEADLINE_RACE_ROUNDS = 100_000;
    private static final long DEADLINE_RACE_BUDGET_NANOS = Duration.ofSeconds(10).toNanos();

    private QueueIterationCases() {}

    static List<Case> cases() {
        String area = "queue-iteration";
        return List.of(
                Case.of(area, "forEach runs on each element in order until the queue is closed and drained, then returns", io -> {
                    Queue<Integer> q = io.queue(8);
                    for (int i = 0; i < 5; i++) {
                        q.put(i);
                    }
                    q.close();
                    List<Integer> seen = new ArrayList<>();
                    q.forEach(seen::add);
                    assertEquals(List.of(0, 1, 2, 3, 4), seen);
                    q.forEach(x -> seen.add(-1));
                    assertEquals(5, seen.size(), "forEach on a closed, drained queue ran its action");
                }),
                Case.of(area, "take returns each element, then empty once closed and drained, where get throws", io -> {
                    Queue<String> q = io.queue(2);
                    q.put("a");
                    q.put("b");
                    q.close();
                    assertEquals(Optional.of("a"), q.take());
                    assertEquals(Optional.of("b"), q.take());
                    assertEquals(Optional.empty(), q.take());
                    assertEquals(Optional.empty(), q.take(), "the end is reported again, not a failure");
                    assertThrows(QueueClosedException.class, q::get);
                }),
                Case.of(area, "an action that throws stops forEach with its exception, the element taken and the queue open", io -> {
                    Queue<Integer> q = io.queue(4);
                    q.put(1);
                    q.put(2);
                    q.put(3);
                    IOException boom = new IOException("boom");
                    List<Integer> seen = new ArrayList<>();
                    assertSame(boom, assertThrows(IOException.class, () -> q.forEach(x -> {
                        seen.add(x);
                        if (x == 2) {
                            throw boom;
                        }
                    })));
                    assertEquals(List.of(1, 2), seen);
                    assertFalse(q.isClosed());
                    assertEquals(3, q.get(), "the element after the failure is still there");
                }),
                Case.concurrent(area, "a task's forEach sees each element of 4 producers that put then close exactly once, in each producer's order, through a stage that suspends", io -> {
                    Queue<Integer> source = io.queue(4);
                    Queue<Integer> stage = io.queue(1);
                    AtomicInteger running = new AtomicInteger(PRODUCERS);
                    // Producers on threads of their own, so the tasks fit a small thread pool.
                    Threads producers = new Threads();
                    for (int p = 0; p < PRODUCERS; p++) {
                        int base = p * PER_PRODUCER;
                        producers.start(() -> {
                            for (int i = 0; i < PER_PRODUCER; i++) {
                                source.put(base + i);
                            }
                            if (running.decrementAndGet() == 0) {
                                source.close();
                            }
                        });
                    }
                    // The action waits on a full queue of capacity 1: it suspends inside forEach.
                    Future<Void, RuntimeException> relay = io.concurrent(() -> {
                        source.forEach(stage::put);
                        stage.close();
                    });
                    int[] seen = new int[PRODUCERS * PER_PRODUCER];
                    int[] lastOf = new int[PRODUCERS];
                    Arrays.fill(lastOf, -1);
                    stage.forEach(x -> {
                        seen[x]++;
                        int producer = x / PER_PRODUCER;
                        assertTrue(x > lastOf[producer], "element " + x + " came after " + lastOf[producer]);
                        lastOf[producer] = x;
                    });
                    relay.await();
                    producers.join(io);
                    for (int x = 0; x < seen.length; x++) {
                        assertEquals(1, seen[x], "element " + x + " was seen " + seen[x] + " times");
                    }
                }),
                Case.concurrent(area, "three consumers' forEach split the elements of 4 producers: each goes to exactly one", io -> {
                    Queue<Integer> q = io.queue(3);
                    AtomicIntegerArray seen = new AtomicIntegerArray(PRODUCERS * PER_PRODUCER);
                    AtomicIntegerArray perConsumer = new AtomicIntegerArray(3);
                    List<Future<Void, RuntimeException>> consumers = new ArrayList<>();
                    for (int c = 0; c < 3; c++) {
                        int consumer = c;
                        consumers.add(io.concurrent(() -> q.forEach(x -> {
                            seen.incrementAndGet(x);
                            perConsumer.incrementAndGet(consumer);
                        })));
                    }
                    Threads producers = new Threads();
                    for (int p = 0; p < PRODUCERS; p++) {
                        int base = p * PER_PRODUCER;
                        producers.start(() -> {
                            for (int i = 0; i < PER_PRODUCER; i++) {
                                q.put(base + i);
                            }
                        });
                    }
                    producers.join(io);
                    q.close();
                    for (Future<Void, RuntimeException> consumer : consumers) {
                        consumer.await();
                    }
                    for (int x = 0; x < seen.length(); x++) {
                        assertEquals(1, seen.get(x), "element " + x + " was seen " + seen.get(x) + " times");
                    }
                    assertEquals(seen.length(), perConsumer.get(0) + perConsumer.get(1) + perConsumer.get(2));
                }),
                Case.concurrent(area, "a forEach waiting on an empty queue is canceled and takes nothing", io -> {
                    Queue<Integer> q = io.queue(1);
                    AtomicInteger ran = new AtomicInteger();
                    Future<Void, RuntimeException> consumer = io.concurrent(() -> q.forEach(x -> ran.incrementAndGet()));
                    assertThrows(CanceledException.class, consumer::cancel);
                    q.put(7);
                    assertEquals(7, q.get(), "the canceled forEach took the element put after it");
                    assertEquals(0, ran.get());
                }),
                Case.of(area, "a forEach under a withTimeout that fires: every element taken was processed, and the forEach takes nothing more", io -> {
                    Queue<String> q = io.queue(4);
                    q.put("a");
                    q.put("b");
                    List<String> processed = new ArrayList<>();
                    assertThrows(TimeoutException.class, () -> io.withTimeout(SHORT, () -> q.forEach(processed::add)));
                    assertEquals(List.of("a", "b"), processed);
                    assertTrue(q.tryPut("c"));
                    assertEquals("c", q.tryGet(), "the timed-out forEach was still a getter and took the element put after it");
                    assertFalse(io.cancelRequested());
                }),
                Case.concurrent(area, "forEach rounds under deadlines racing a producer: each element is processed once, in order, none lost at a deadline", io -> {
                    Queue<Integer> q = io.queue(1);
                    Future<Void, RuntimeException> producer = io.concurrent(() -> {
                        for (int i = 0; i < DEADLINE_RACE_ELEMENTS; i++) {
                            q.put(i);
                            io.yieldNow();
                        }
                        q.close();
                    });
                    List<Integer> processed = new ArrayList<>();
                    long end = System.nanoTime() + DEADLINE_RACE_BUDGET_NANOS;
                    boolean drained = false;
                    for (int round = 0; !drained && round < DEADLINE_RACE_ROUNDS && System.nanoTime() - end < 0; round++) {
                        // Each deadline fires while the forEach waits for the producer, or between two of its elements.
                        drained = io.withTimeoutOrEmpty(Duration.ofNanos(DEADLINE_RACE_NANOS), () -> {
                            q.forEach(processed::add);
                            return true;
                        }).isPresent();
                    }
                    if (!drained) {
                        q.forEach(processed::add); // out of rounds or time: take the rest without a deadline
                    }
                    producer.await();
                    assertEquals(DEADLINE_RACE_ELEMENTS, processed.size(), "elements were lost or repeated at a deadline");
                    for (int i = 0; i < processed.size(); i++) {
                        assertEquals(i, processed.get(i), "element " + i + " was lost or repeated at a deadline");
                    }
                }),
                Case.concurrent(area, "a take waiting on an empty queue returns empty when the queue closes", io -> {
                    Queue<Integer> q = io.queue(0);
                    Future<Optional<Integer>, RuntimeException> taker = io.concurrent(q::take);
                    Future<Optional<Integer>, RuntimeException> handedOff = io.concurrent(q::take);
                    q.put(1);
                    q.close();
                    Optional<Integer> first = taker.await();
                    Optional<Integer> second = handedOff.await();
                    assertEquals(1, first.orElse(0) + second.orElse(0), "one of them got the element: " + first + ", " + second);
                    assertTrue(first.isEmpty() != second.isEmpty(), "the other got the end: " + first + ", " + second);
                }));
    }
}
