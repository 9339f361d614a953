package io.zsync.tck;

import static io.zsync.tck.Checks.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.Event;
import io.zsync.Future;
import io.zsync.Queue;
import io.zsync.QueueClosedException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Queues: FIFO, bounds, hand-off, close and drain, many producers and consumers. */
final class QueueCases {

    private QueueCases() {}

    static List<Case> cases() {
        String area = "queue";
        return List.of(
                Case.of(area, "elements come out in the order they went in", io -> {
                    Queue<Integer> q = io.queue(8);
                    for (int i = 0; i < 8; i++) {
                        q.put(i);
                    }
                    for (int i = 0; i < 8; i++) {
                        assertEquals(i, q.get());
                    }
                }),
                Case.of(area, "tryPut refuses when full and tryGet returns null when empty", io -> {
                    Queue<String> q = io.queue(1);
                    assertNull(q.tryGet());
                    assertTrue(q.tryPut("a"));
                    assertFalse(q.tryPut("b"));
                    assertEquals("a", q.tryGet());
                    assertNull(q.tryGet());
                }),
                Case.concurrent(area, "put waits while full until a get makes room", io -> {
                    Queue<Integer> q = io.queue(1);
                    q.put(1);
                    Future<Void, RuntimeException> putter = io.concurrent(() -> q.put(2));
                    assertEquals(1, q.get());
                    putter.await();
                    assertEquals(2, q.get());
                }),
                Case.concurrent(area, "get waits until an element is put", io -> {
                    Queue<String> q = io.queue(1);
                    Future<String, RuntimeException> getter = io.concurrent(() -> q.get());
                    q.put("x");
                    assertEquals("x", getter.await());
                }),
                Case.of(area, "close lets getters drain what is left, then fails", io -> {
                    Queue<Integer> q = io.queue(4);
                    q.put(1);
                    q.put(2);
                    q.close();
                    assertEquals(1, q.get());
                    assertEquals(2, q.get());
                    QueueClosedException e = assertThrows(QueueClosedException.class, q::get);
                    assertTrue(e.getMessage().contains("closed"), e.getMessage());
                }),
                Case.of(area, "put on a closed queue fails at once", io -> {
                    Queue<Integer> q = io.queue(4);
                    q.close();
                    assertThrows(QueueClosedException.class, () -> q.put(1));
                    assertThrows(QueueClosedException.class, () -> q.tryPut(1));
                    assertTrue(q.isClosed());
                }),
                Case.of(area, "tryGet on a closed, drained queue fails rather than returning null", io -> {
                    Queue<Integer> q = io.queue(1);
                    q.put(1);
                    q.close();
                    assertEquals(1, q.tryGet());
                    assertThrows(QueueClosedException.class, q::tryGet);
                }),
                Case.concurrent(area, "a put waiting on a full queue fails when the queue closes", io -> {
                    Queue<Integer> q = io.queue(1);
                    q.put(1);
                    Event waiting = io.event();
                    Future<Void, RuntimeException> putter = io.concurrent(() -> {
                        waiting.set();
                        q.put(2);
                    });
                    waiting.await();
                    q.close();
                    assertThrows(QueueClosedException.class, putter::await);
                    assertEquals(1, q.get());
                    assertThrows(QueueClosedException.class, q::get);
                }),
                Case.concurrent(area, "a get waiting on an empty queue fails when the queue closes", io -> {
                    Queue<Integer> q = io.queue(1);
                    Event waiting = io.event();
                    Future<Integer, RuntimeException> getter = io.concurrent(() -> {
                        waiting.set();
                        return q.get();
                    });
                    waiting.await();
                    q.close();
                    assertThrows(QueueClosedException.class, getter::await);
                }),
                Case.concurrent(area, "capacity 0 is a rendezvous: put waits for a get", io -> {
                    Queue<String> q = io.queue(0);
                    assertFalse(q.tryPut("nobody is getting"));
                    Future<Void, RuntimeException> putter = io.concurrent(() -> q.put("hand-off"));
                    assertEquals("hand-off", q.get());
                    putter.await();
                    assertEquals(0, q.size());
                }),
                Case.of(area, "null elements are refused", io -> {
                    Queue<String> q = io.queue(1);
                    assertThrows(NullPointerException.class, () -> q.put(null));
                    assertThrows(NullPointerException.class, () -> q.tryPut(null));
                }),
                Case.of(area, "a negative capacity is refused with a clear error", io -> {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> io.queue(-1));
                    assertTrue(e.getMessage().contains("-1"), e.getMessage());
                }),
                Case.of(area, "size and capacity report the queue's state", io -> {
                    Queue<Integer> q = io.queue(3);
                    q.put(1);
                    q.put(2);
                    assertEquals(2, q.size());
                    assertEquals(3, q.capacity());
                }),
                Case.of(area, "many producers and consumers lose and duplicate nothing", io -> {
                    Queue<Long> q = io.queue(16);
                    int producers = 4;
                    int perProducer = 20_000;
                    LongAdder sum = new LongAdder();
                    AtomicLong count = new AtomicLong();
                    Threads consumers = new Threads().start(4, () -> {
                        while (true) {
                            try {
                                sum.add(q.get());
                                count.incrementAndGet();
                            } catch (QueueClosedException end) {
                                return;
                            }
                        }
                    });
                    Threads writers = new Threads();
                    for (int p = 0; p < producers; p++) {
                        long base = (long) p * perProducer;
                        writers.start(() -> {
                            for (long i = 1; i <= perProducer; i++) {
                                q.put(base + i);
                            }
                        });
                    }
                    writers.join(io);
                    q.close();
                    consumers.join(io);
                    long n = (long) producers * perProducer;
                    assertEquals(n, count.get());
                    assertEquals(n * (n + 1) / 2, sum.sum());
                }),
                Case.concurrent(area, "tasks pass ten thousand elements through a small queue in order", io -> {
                    Queue<Integer> q = io.queue(2);
                    Future<Void, RuntimeException> producer = io.concurrent(() -> {
                        for (int i = 0; i < 10_000; i++) {
                            q.put(i);
                        }
                        q.close();
                    });
                    for (int i = 0; i < 10_000; i++) {
                        assertEquals(i, q.get());
                    }
                    assertThrows(QueueClosedException.class, q::get);
                    producer.await();
                }));
    }
}
