package io.zsync;

import io.zsync.coroutine.Suspendable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A bounded, multi-producer, multi-consumer FIFO queue for passing values between tasks.
 *
 * <p>{@link #put} waits while the queue is full and {@link #get} while it is empty; both are
 * cancellation points, and a canceled {@code put} or {@code get} has neither added nor taken
 * anything, nor has one that timed out. An element is handed straight to a waiting getter when
 * there is one, so a queue of capacity 0 is a rendezvous. Waiters are served first come, first
 * served.
 *
 * <p>{@link #close()} ends the stream: puts fail at once with {@link QueueClosedException}
 * (including those waiting), and gets drain what is left, then fail with it. A consumer that
 * reads until the end goes through {@link #forEach} or {@link #take}, which end without an
 * exception:
 *
 * <pre>{@code
 * io.concurrent(() -> lines.forEach(line -> out.print(line)));   // each element, until closed and drained
 * }</pre>
 *
 * <p>Safe to use from any task or thread; putting an element happens-before it is got.
 * {@code null} elements are refused.
 *
 * @param <T> the element type
 */
public final class Queue<T> extends SyncPrimitive {

    /** What {@link #getOrNull} returns when its deadline passed first; never an element. */
    private static final Object TIMED_OUT = new Object();

    private final Object[] ring;
    private final int capacity;
    private int head;
    private int size;
    private boolean closed;
    private final WaitList getters = new WaitList();
    /** Each waiting putter's {@link Waiter#item} is the element it brings. */
    private final WaitList putters = new WaitList();

    Queue(CoreIo runtime, int capacity) {
        super(runtime);
        if (capacity < 0) {
            throw new IllegalArgumentException("queue capacity must be 0 or more, not " + capacity);
        }
        this.capacity = capacity;
        this.ring = new Object[capacity];
    }

    /**
     * Adds {@code element}, waiting while the queue is full. A cancellation point.
     *
     * @throws QueueClosedException if the queue is or becomes closed before the element is added
     */
    public void put(T element) {
        put(element, NO_DEADLINE, true);
    }

    /**
     * Like {@link #put(Object)}, but gives up after {@code timeout} (as
     * {@code BlockingQueue.offer(e, timeout, unit)}): a put that timed out added nothing, and the
     * element is still the caller's. A cancellation point.
     *
     * @return {@code false} if the queue stayed full for {@code timeout}
     * @throws QueueClosedException if the queue is or becomes closed before the element is added
     */
    public boolean put(T element, Duration timeout) {
        return put(element, runtime.deadline(timeout), true);
    }

    /** Like {@link #put}, but not a cancellation point. */
    public void putUncancelable(T element) {
        put(element, NO_DEADLINE, false);
    }

    /**
     * Adds {@code element} if there is room now.
     *
     * @return {@code false} if the queue is full
     * @throws QueueClosedException if the queue is closed
     */
    public boolean tryPut(T element) {
        Objects.requireNonNull(element, "element is null; a queue holds no nulls");
        synchronized (this) {
            return offer(element);
        }
    }

    private boolean put(T element, long deadline, boolean cancelable) {
        Objects.requireNonNull(element, "element is null; a queue holds no nulls");
        Waiter w;
        synchronized (this) {
            if (offer(element)) {
                return true;
            }
            w = new Waiter(runtime.currentStrand(), element);
            putters.add(w);
        }
        int status = block(w, deadline, cancelable);
        if (status == Waiter.CLOSED) {
            throw closed("put");
        }
        return status == Waiter.GRANTED;
    }

    /** Under the monitor: hands {@code element} to a getter or stores it; {@code false} if full. */
    private boolean offer(Object element) {
        if (closed) {
            throw closed("put");
        }
        Waiter getter = getters.poll();
        if (getter != null) {
            getter.item = element;
            getter.wake(Waiter.GRANTED);
            return true;
        }
        if (size < capacity) {
            ring[(head + size) % capacity] = element;
            size++;
            return true;
        }
        return false;
    }

    /**
     * Takes the oldest element, waiting while the queue is empty. A cancellation point.
     *
     * @throws QueueClosedException if the queue is closed and empty
     */
    public T get() {
        return get(NO_DEADLINE, true);
    }

    /**
     * Like {@link #get()}, but gives up after {@code timeout}: a get that timed out took nothing.
     * A cancellation point.
     *
     * @throws TimeoutException if the queue stayed empty for {@code timeout}
     * @throws QueueClosedException if the queue is closed and empty
     */
    public T get(Duration timeout) throws TimeoutException {
        T element = get(runtime.deadline(timeout), true);
        if (element == null) {
            throw new TimeoutException("nothing was put in the queue within " + timeout + "; nothing was taken");
        }
        return element;
    }

    /** Like {@link #get}, but not a cancellation point. */
    public T getUncancelable() {
        return get(NO_DEADLINE, false);
    }

    /**
     * Takes the oldest element if there is one now.
     *
     * @return the element, or {@code null} if the queue is empty
     * @throws QueueClosedException if the queue is closed and empty
     */
    public T tryGet() {
        synchronized (this) {
            Object element = poll();
            if (element == null && closed) {
                throw closed("get");
            }
            return cast(element);
        }
    }

    /**
     * Takes the oldest element, waiting while the queue is empty, or returns empty once the queue
     * is closed and every element put before the close has been taken: the end of the stream as a
     * value rather than a {@link QueueClosedException}. A cancellation point.
     *
     * <pre>{@code
     * for (Optional<Job> job; (job = jobs.take()).isPresent(); ) {
     *     run(job.get());
     * }
     * }</pre>
     */
    public Optional<T> take() {
        return Optional.ofNullable(cast(getOrNull(NO_DEADLINE, true)));
    }

    /**
     * Runs {@code action} on each element in turn, as {@link #take} takes it, until the queue is
     * closed and drained; then returns. {@code action} may suspend and block like any task code.
     * Several tasks may consume one queue this way at once: each element goes to one of them.
     * Waiting for an element is a cancellation point; a wait canceled (or cut short by an
     * {@link Io#withTimeout} deadline) takes nothing, so every element {@code forEach} took went
     * to {@code action}, and the rest stay in the queue.
     *
     * <p>If {@code action} throws, {@code forEach} stops and throws it, with the element it was
     * given taken and the queue left open: close it if nobody else consumes it, so producers
     * waiting on a full queue fail rather than wait forever.
     *
     * @throws E what {@code action} threw
     */
    public <E extends Exception> void forEach(Consumer<? super T, E> action) throws E {
        Objects.requireNonNull(action, "action is null; pass the code to run on each element");
        for (Object element; (element = getOrNull(NO_DEADLINE, true)) != null; ) {
            action.accept(cast(element));
        }
    }

    /**
     * What {@link #forEach} runs on each element: task code, which may suspend.
     *
     * @param <T> the element type
     * @param <E> the checked exception it may throw
     */
    @FunctionalInterface
    public interface Consumer<T, E extends Exception> {

        /** Handles {@code element}. It may suspend: see {@link Suspendable}. */
        @Suspendable
        void accept(T element) throws E;
    }

    /** The oldest element, waiting until {@code deadline}; {@code null} if it passed first. */
    private T get(long deadline, boolean cancelable) {
        Object element = getOrNull(deadline, cancelable);
        if (element == null) {
            throw closed("get");
        }
        return element == TIMED_OUT ? null : cast(element);
    }

    /**
     * The oldest element, waiting while the queue is empty until {@code deadline}: {@code null}
     * once the queue is closed and drained, {@link #TIMED_OUT} if the deadline passed first.
     */
    private Object getOrNull(long deadline, boolean cancelable) {
        Waiter w;
        synchronized (this) {
            Object element = poll();
            if (element != null || closed) {
                return element;
            }
            w = new Waiter(runtime.currentStrand(), null);
            getters.add(w);
        }
        int status = block(w, deadline, cancelable);
        if (status == Waiter.CLOSED) {
            return null;
        }
        return status == Waiter.GRANTED ? w.item : TIMED_OUT;
    }

    /** Under the monitor: the oldest element, refilled from a waiting putter; or {@code null}. */
    private Object poll() {
        Waiter putter = putters.poll();
        if (size == 0) {
            if (putter == null) {
                return null;
            }
            Object element = putter.item;
            putter.wake(Waiter.GRANTED);
            return element;
        }
        Object element = ring[head];
        ring[head] = null;
        head = (head + 1) % capacity;
        size--;
        if (putter != null) {
            ring[(head + size) % capacity] = putter.item;
            size++;
            putter.wake(Waiter.GRANTED);
        }
        return element;
    }

    /**
     * Closes the queue: waiting and later puts fail; gets take what is left, then fail.
     * Idempotent.
     */
    public synchronized void close() {
        closed = true;
        getters.wakeAll(Waiter.CLOSED);
        putters.wakeAll(Waiter.CLOSED);
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The number of elements stored now (not counting waiting putters). */
    public synchronized int size() {
        return size;
    }

    /** The most elements the queue stores. */
    public int capacity() {
        return capacity;
    }

    @SuppressWarnings("unchecked")
    private T cast(Object element) {
        return (T) element;
    }

    private QueueClosedException closed(String op) {
        return new QueueClosedException("cannot " + op + ": the queue is closed"
                + (op.equals("get") ? " and every element put before the close has been taken" : ""));
    }
}
