package io.zsync.backend.evented;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Tasks as coroutines on loops: starting, parking, unparking, permits and deadlines. */
class EventedStrandTest {

    @Test
    void tasks_started_from_another_thread_spread_over_the_loops_suspend_and_end_when_unparked() throws Exception {
        try (Backends b = new Backends(3)) {
            AtomicBoolean released = new AtomicBoolean();
            List<ParkingJob> jobs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ParkingJob job = new ParkingJob(j -> released.get());
                assertTrue(b.backend.tryStart(job));
                jobs.add(job);
            }
            Set<Thread> threads = new HashSet<>();
            for (ParkingJob job : jobs) {
                // Suspended, not just started: a job released between its start and its first park
                // would end without suspending.
                job.awaitSuspended();
                assertInstanceOf(EventLoop.class, job.thread);
                assertInstanceOf(EventedStrand.class, job.strand);
                threads.add(job.thread);
            }
            assertEquals(3, threads.size(), "round-robin over the 3 loops");
            released.set(true);
            jobs.forEach(job -> job.strand.unpark());
            for (ParkingJob job : jobs) {
                job.awaitPublished();
                assertEquals(1, job.suspensions.get());
                assertEquals(1, job.resumes.get());
            }
        }
    }

    @Test
    void a_task_started_by_a_task_runs_on_its_loop_and_a_thread_outside_the_loops_parks_its_own_thread()
            throws Exception {
        try (Backends b = new Backends(3)) {
            for (int i = 0; i < 3; i++) {
                AtomicReference<ParkingJob> child = new AtomicReference<>();
                AtomicReference<Thread> parentThread = new AtomicReference<>();
                OnLoop parent = new OnLoop(() -> {
                    parentThread.set(Thread.currentThread());
                    child.set(new ParkingJob(j -> true));
                    assertTrue(b.backend.tryStart(child.get()));
                });
                b.backend.tryStart(parent);
                parent.awaitPublished();
                assertSame(parentThread.get(), child.get().awaitPublished().thread);
            }
            assertSame(io.zsync.spi.kit.ThreadStrand.current(), b.backend.currentStrand());
        }
    }

    @Test
    void an_unpark_from_the_tasks_own_loop_resumes_it() throws Exception {
        try (Backends b = new Backends(2)) {
            AtomicBoolean released = new AtomicBoolean();
            ParkingJob job = new ParkingJob(j -> released.get());
            b.backend.tryStart(job);
            job.awaitStarted();
            Backends.onLoop((EventLoop) job.thread, () -> {
                released.set(true);
                job.strand.unpark();
            });
            job.awaitPublished();
            assertEquals(1, job.suspensions.get());
            assertEquals(1, job.resumes.get());
        }
    }

    @Test
    void an_unpark_before_the_park_leaves_a_permit_and_the_park_returns_without_suspending() throws Exception {
        try (Backends b = new Backends(1)) {
            ParkingJob job = new ParkingJob(j -> j.parks.get() >= 1, Long.MAX_VALUE,
                    strand -> strand.unpark());
            b.backend.tryStart(job);
            job.awaitPublished();
            assertEquals(1, job.parks.get());
            assertEquals(0, job.suspensions.get());
        }
    }

    @Test
    void an_unpark_racing_the_deadline_resumes_the_task_exactly_once_in_1000_races() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        int timerFirst = 0;
        int unparkFirst = 0;
        try (Backends b = new Backends(2)) {
            for (int round = 0; round < 1000; round++) {
                // The loop's timers have a millisecond grain: spread both sides over a few of them.
                long deadline = System.nanoTime() + random.nextLong(TimeUnit.MILLISECONDS.toNanos(2));
                ParkingJob job = new ParkingJob(j -> j.parks.get() >= 1, deadline, s -> {});
                b.backend.tryStart(job);
                job.awaitStarted();
                long unparkAt = System.nanoTime() + random.nextLong(TimeUnit.MILLISECONDS.toNanos(3));
                while (System.nanoTime() - unparkAt < 0) {
                    Thread.onSpinWait();
                }
                long unparked = System.nanoTime();
                job.strand.unpark();
                job.awaitPublished();
                String where = "round " + round;
                assertEquals(1, job.parks.get(), where);
                assertTrue(job.suspensions.get() <= 1, where);
                assertEquals(job.suspensions.get(), job.resumes.get(), where);
                if (job.resumes.get() == 1) {
                    if (job.resumedAt - unparked < 0) {
                        timerFirst++;
                    } else if (job.resumedAt - deadline < 0) {
                        unparkFirst++;
                    }
                }
            }
        }
        assertTrue(timerFirst > 0 && unparkFirst > 0,
                "both sides won some races: timer " + timerFirst + ", unpark " + unparkFirst);
    }

    @Test
    void deadlines_resume_their_tasks_in_deadline_order_and_never_before_the_deadline() throws Exception {
        try (Backends b = new Backends(1)) {
            long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            int[] offsets = {50, 10, 40, 20, 30};
            ConcurrentLinkedQueue<Integer> order = new ConcurrentLinkedQueue<>();
            List<ParkingJob> jobs = new ArrayList<>();
            for (int offset : offsets) {
                long deadline = base + TimeUnit.MILLISECONDS.toNanos(offset);
                ParkingJob job = new ParkingJob(j -> {
                    boolean due = System.nanoTime() - deadline >= 0;
                    if (due) {
                        order.add(offset);
                    }
                    return due;
                }, deadline, s -> {});
                b.backend.tryStart(job);
                jobs.add(job);
            }
            for (int i = 0; i < jobs.size(); i++) {
                ParkingJob job = jobs.get(i).awaitPublished();
                assertEquals(1, job.suspensions.get(), "one suspension, resumed by its deadline");
                assertTrue(job.resumedAt - (base + TimeUnit.MILLISECONDS.toNanos(offsets[i])) >= 0);
            }
            assertEquals(List.of(10, 20, 30, 40, 50), List.copyOf(order));
        }
    }

    @Test
    void a_strand_is_reused_for_the_next_task_on_its_loop() throws Exception {
        try (Backends b = new Backends(1)) {
            ParkingJob first = new ParkingJob(j -> true);
            b.backend.tryStart(first);
            first.awaitPublished();
            AtomicReference<ParkingJob> second = new AtomicReference<>();
            OnLoop spawner = new OnLoop(() -> {
                second.set(new ParkingJob(j -> true));
                b.backend.tryStart(second.get());
            });
            b.backend.tryStart(spawner);
            spawner.awaitPublished();
            // Started from another thread, the spawner got a new strand; started on the loop, the second
            // task takes the one the first task freed.
            assertSame(first.strand, second.get().awaitPublished().strand);
        }
    }
}
