package io.zsync.backend.evented;

import io.zsync.coroutine.Coroutine;
import io.zsync.coroutine.Woven;
import io.zsync.spi.Job;
import io.zsync.spi.Strand;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A task written by hand the way the weaver writes one, until the weaver is wired in: the core's
 * waiting loop ({@code while (!condition) strand.park(deadline)}) as a state machine with one
 * suspend point, saving its locals into the coroutine when the park suspends and restoring them
 * when it is resumed. It counts what happened, for the tests to check.
 */
@Woven(format = 1)
final class ParkingJob implements Job {

    private static final String KEY = "ParkingJob.runTask";
    private static final int AT_PARK = 0;

    private final Predicate<ParkingJob> until;
    private final long deadline;
    private final Consumer<Strand> onStart;

    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch published = new CountDownLatch(1);
    /** Counted down at the first suspension. */
    final CountDownLatch suspended = new CountDownLatch(1);
    /** Returns from park, suspended or not. */
    final AtomicInteger parks = new AtomicInteger();
    final AtomicInteger suspensions = new AtomicInteger();
    final AtomicInteger resumes = new AtomicInteger();
    volatile Strand strand;
    volatile Thread thread;
    /** When the task last continued after a suspension, on System.nanoTime. */
    volatile long resumedAt;

    /**
     * A task that, on its strand, runs {@code onStart}, then parks with {@code deadline} until
     * {@code until} holds (checked before each park).
     */
    ParkingJob(Predicate<ParkingJob> until, long deadline, Consumer<Strand> onStart) {
        this.until = until;
        this.deadline = deadline;
        this.onStart = onStart;
    }

    /** Parks until {@code until} holds, with no deadline. */
    ParkingJob(Predicate<ParkingJob> until) {
        this(until, Long.MAX_VALUE, s -> {});
    }

    @Override
    public void runTask(Strand own) {
        Coroutine co = Coroutine.current();
        int at = co.enter(KEY, KEY.hashCode());
        Strand s;
        if (at == AT_PARK) {
            s = (Strand) co.popRef();
            resumes.incrementAndGet();
            resumedAt = System.nanoTime();
        } else {
            s = own;
            strand = s;
            thread = Thread.currentThread();
            onStart.accept(s);
            started.countDown();
        }
        while (true) {
            // A resumed method calls again what it was calling, without re-checking before it.
            if (at != AT_PARK && until.test(this)) {
                return;
            }
            co.call();
            s.park(deadline);
            if (co.suspending()) {
                suspensions.incrementAndGet();
                Coroutine.pushRef(s, co);
                co.pushFrame(KEY.hashCode(), AT_PARK);
                suspended.countDown();
                return;
            }
            at = -1;
            parks.incrementAndGet();
        }
    }

    @Override
    public void publish() {
        published.countDown();
    }

    /** Waits (bounded) for the task to have started on its strand. */
    ParkingJob awaitStarted() throws InterruptedException {
        Backends.await(started, "the task to start");
        return this;
    }

    /** Waits (bounded) for the task to have suspended once. */
    ParkingJob awaitSuspended() throws InterruptedException {
        Backends.await(suspended, "the task to suspend");
        return this;
    }

    /** Waits (bounded) for the task to have ended and published. */
    ParkingJob awaitPublished() throws InterruptedException {
        Backends.await(published, "the task to end (parks " + parks + ", suspensions " + suspensions
                + ", resumes " + resumes + ")");
        return this;
    }
}
