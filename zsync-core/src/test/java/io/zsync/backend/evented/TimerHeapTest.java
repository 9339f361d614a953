package io.zsync.backend.evented;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimerHeapTest {

    /** A timer and where the reference model files it: by deadline, then by the order it was armed. */
    private static final class Probe {
        final int id;
        final TimerHeap.Timer timer;
        long deadline;
        long armedAt;

        Probe(int id, List<Integer> fired) {
            this.id = id;
            this.timer = timer(() -> fired.add(id));
        }
    }

    @Test
    void timers_fire_by_deadline_then_by_arming_order_like_a_sorted_model_over_2000_seeded_operations() {
        SplittableRandom random = new SplittableRandom(20261125);
        List<Integer> fired = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        TimerHeap heap = new TimerHeap();
        long start = Long.MAX_VALUE - 500; // deadlines wrap past Long.MAX_VALUE: the heap compares by difference
        TreeSet<Probe> model = new TreeSet<>(Comparator.<Probe>comparingLong(p -> p.deadline - start)
                .thenComparingLong(p -> p.armedAt));
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            probes.add(new Probe(i, fired));
        }
        long now = start;
        long armings = 0;
        for (int op = 0; op < 2000; op++) {
            Probe p = probes.get(random.nextInt(probes.size()));
            switch (random.nextInt(3)) {
                case 0 -> { // arm or re-arm; few distinct deadlines, so ties are common
                    model.remove(p);
                    p.deadline = now + random.nextInt(40);
                    p.armedAt = armings++;
                    heap.arm(p.timer, p.deadline);
                    model.add(p);
                }
                case 1 -> {
                    model.remove(p);
                    heap.disarm(p.timer);
                }
                default -> {
                    now += random.nextInt(10);
                    while (!model.isEmpty() && model.first().deadline - now <= 0) {
                        expected.add(model.pollFirst().id);
                    }
                    heap.expire(now);
                    assertEquals(expected, fired, "after operation " + op);
                }
            }
            long next = model.isEmpty() ? Long.MAX_VALUE : model.first().deadline;
            assertEquals(next, heap.nextDeadline(), "next deadline after operation " + op);
        }
    }

    @Test
    void an_expiry_action_may_arm_a_timer_that_is_already_due_and_it_fires_in_the_same_call() {
        TimerHeap heap = new TimerHeap();
        List<String> fired = new ArrayList<>();
        TimerHeap.Timer second = timer(() -> fired.add("second"));
        TimerHeap.Timer first = timer(() -> {
            fired.add("first");
            heap.arm(second, 5);
        });
        heap.arm(first, 10);
        heap.expire(10);
        assertEquals(List.of("first", "second"), fired);
        assertEquals(Long.MAX_VALUE, heap.nextDeadline());
    }

    /** A timer whose expiry runs {@code action}. */
    private static TimerHeap.Timer timer(Runnable action) {
        return new TimerHeap.Timer() {
            private int heapIndex = -1;

            @Override
            public int heapIndex() {
                return heapIndex;
            }

            @Override
            public void heapIndex(int index) {
                heapIndex = index;
            }

            @Override
            public void expired() {
                action.run();
            }
        };
    }
}
