package io.zsync;

import io.zsync.diagnostics.Leaks;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Op;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Several I/O operations in flight at once, awaited together, in the shape of Zig's
 * {@code Io.Batch}: {@linkplain #add add} operations, {@linkplain #await() await} at least one
 * completion, take completions as they come with {@link #next()}, and {@linkplain #cancel()
 * cancel} the rest. Made by {@link Io#batch()}.
 *
 * <pre>{@code
 * try (Batch batch = io.batch()) {
 *     Operation<Integer> fromLeft = batch.add(left.readOp(bufferA));
 *     Operation<Connection> incoming = batch.add(listener.acceptOp());
 *     batch.await();                                 // at least one completion; a cancellation point
 *     for (Operation<?> done; (done = batch.next()) != null; ) {
 *         if (done == fromLeft) { int n = fromLeft.result(); ... }
 *         if (done == incoming) { Connection c = incoming.result(); ... }
 *     }
 * }                                                  // close: cancels the rest, closes untaken connections
 * }</pre>
 *
 * <h2>Contracts</h2>
 * <ul>
 * <li>Operations are started at the next {@code await}, all of them (a completion-based driver
 *     submits them together). They then progress at once, whatever the backend: sockets wait in
 *     the driver, file calls on the driver's threads; no operation needs a task of its own, so a
 *     batch works on {@code blocking} too.</li>
 * <li>{@link #await()} returns once at least one completion can be taken, or at once if nothing
 *     is in flight. It is a cancellation point; canceled, it throws and every operation stays in
 *     flight (the batch is not canceled by it: {@link #close()} or {@link #cancel()} is).</li>
 * <li>{@link #await(Duration)} is the same, or {@code false} when the timeout passes first, with
 *     every operation still in flight.</li>
 * <li>{@link #cancel()} stops every operation in flight and waits, uncancelably, until each has
 *     settled. One that took no effect (nothing read, accepted, received) is never seen again;
 *     one that took effect anyway (its completion raced the cancel) is reported by
 *     {@link #next()}, never dropped.</li>
 * <li>{@link #close()} cancels, then closes the connections and files of completions nobody took,
 *     so that try-with-resources leaks nothing.</li>
 * </ul>
 * A batch belongs to one task or thread (as Zig's: not thread-safe); the driver's wake-ups come
 * from anywhere.
 */
public final class Batch implements AutoCloseable {

    private final CoreIo runtime;
    private final Leaks.Tracker leak;
    /** Where the driver's wakes land: the ops woken, and one wake for the owner. */
    private final OpWait wait;
    private final ConcurrentLinkedQueue<Op> woken = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Operation<?>> unstarted = new ArrayDeque<>();
    private final Map<Op, Operation<?>> inFlight = new IdentityHashMap<>();
    private final ArrayDeque<Operation<?>> completions = new ArrayDeque<>();
    /** The driver the operations in flight were started on: what a cancel settles them through. */
    private IoDriver driver;
    private boolean closed;

    Batch(CoreIo runtime) {
        this.runtime = runtime;
        this.wait = new OpWait(runtime);
        this.leak = Leaks.track(runtime, this);
    }

    /**
     * Adds {@code operation}, to be started at the next {@link #await}; returns it, for the
     * caller to compare completions with.
     *
     * @throws IllegalStateException if the operation is already running (here or elsewhere), or
     *         this batch is closed
     */
    public <T> Operation<T> add(Operation<T> operation) {
        Operation.requireIdle(operation);
        if (closed) {
            throw new IllegalStateException("this batch is closed; open another with io.batch()");
        }
        operation.begin(this);
        operation.op().waker(this::woken);
        unstarted.add(operation);
        return operation;
    }

    /** How many operations were added and have not completed yet (started or not). */
    public int inFlight() {
        return unstarted.size() + inFlight.size();
    }

    /**
     * Starts what was added, then waits until at least one completion can be taken with
     * {@link #next()}; returns at once if one can, or if nothing is in flight. A cancellation
     * point: canceled, it throws and leaves every operation in flight.
     *
     * @throws IoClosedException if the {@code Io} is closed
     */
    public void await() throws IoClosedException {
        awaitUntil(Waitable.NO_DEADLINE);
    }

    /**
     * Like {@link #await()}, but gives up after {@code timeout}: Zig's {@code awaitConcurrent}.
     *
     * @return {@code false} if the timeout passed first; every operation is still in flight
     */
    public boolean await(Duration timeout) throws IoClosedException {
        Objects.requireNonNull(timeout, "timeout is null; pass how long to wait, or call await()");
        return awaitUntil(runtime.deadline(timeout));
    }

    /** The next completion to take, in the order they completed, or {@code null}. Does not wait. */
    public Operation<?> next() {
        return completions.poll();
    }

    /**
     * Stops every operation in flight and waits, uncancelably, until each has settled. Those that
     * took no effect are dropped (their {@link Operation#result()} throws
     * {@link CanceledException}); those whose completion raced the cancel can be taken with
     * {@link #next()}. The batch stays usable.
     */
    public void cancel() {
        for (Operation<?> operation; (operation = unstarted.poll()) != null; ) {
            operation.canceled();
        }
        for (Op op : inFlight.keySet()) {
            driver.cancel(op);
        }
        while (!inFlight.isEmpty()) {
            pollWoken();
            if (!inFlight.isEmpty()) {
                wait.await(Waitable.NO_DEADLINE, false);
            }
        }
    }

    /**
     * {@link #cancel()}s what is in flight, then closes what completions nobody took made (an
     * accepted connection, an opened file). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        leak.close();
        cancel();
        for (Operation<?> operation; (operation = completions.poll()) != null; ) {
            operation.discard(runtime);
        }
    }

    @Override
    public String toString() {
        return "Batch[" + inFlight() + " in flight, " + completions.size() + " to take" + (closed ? ", closed]" : "]");
    }

    // ---- the wait ---------------------------------------------------------------------------------

    private void woken(Op op) {
        woken.add(op);
        wait.woken(op);
    }

    private boolean awaitUntil(long deadline) throws IoClosedException {
        runtime.checkCancel();
        startAdded(runtime.driver());
        while (completions.isEmpty() && !inFlight.isEmpty()) {
            pollWoken();
            if (completions.isEmpty() && !wait.await(deadline, true)) {
                return false;
            }
        }
        return true;
    }

    private void startAdded(IoDriver current) {
        if (!unstarted.isEmpty()) {
            driver = current;
        }
        for (Operation<?> operation; (operation = unstarted.poll()) != null; ) {
            Op op = operation.op();
            if (driver.start(op) == Op.DONE) {
                complete(operation);
            } else {
                inFlight.put(op, operation);
            }
        }
    }

    /** Polls each op woken so far, moving those that settled to the completions (or dropping the canceled). */
    private void pollWoken() {
        for (Op op; (op = woken.poll()) != null; ) {
            Operation<?> operation = inFlight.get(op);
            if (operation == null) {
                continue; // a second wake of an op already settled
            }
            int state = driver.poll(op);
            if (state == Op.DONE) {
                inFlight.remove(op);
                complete(operation);
            } else if (state == Op.CANCELED) {
                inFlight.remove(op);
                operation.canceled();
            }
        }
    }

    private void complete(Operation<?> operation) {
        operation.completed();
        completions.add(operation);
    }
}
