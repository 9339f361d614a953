package io.zsync.backend.evented;

import java.util.Arrays;

/**
 * The deadlines of one event loop: a binary min-heap of {@link Timer}s on the
 * {@link System#nanoTime()} clock. Each timer knows its place in the heap, so that removing one
 * (a strand unparked before its deadline) costs O(log n) and leaves no dead entry behind to
 * grow the heap. Timers with equal deadlines fire in the order they were armed.
 *
 * <p>The heap keeps each timer's deadline in its own arrays rather than in the timer: a strand
 * suspended with a deadline then costs two array slots, not a timer object of its own.
 *
 * <p>Not thread-safe: only the loop's own thread touches its heap and its timers.
 */
final class TimerHeap {

    /** Something armed in at most one heap at a time, told when its deadline passes. */
    interface Timer {

        /** Where the timer sits in its heap, as last set by {@link #heapIndex(int)}; -1 at first. */
        int heapIndex();

        /** Records where the timer sits in its heap, or -1 when it is not armed. */
        void heapIndex(int index);

        /** Runs on the loop's thread when the deadline passes; the timer is disarmed by then. */
        void expired();
    }

    private static final int INITIAL_CAPACITY = 16;

    private Timer[] timers = new Timer[INITIAL_CAPACITY];
    private long[] deadlines = new long[INITIAL_CAPACITY];
    /**
     * Breaks ties between equal deadlines: the earlier armed fires first. An {@code int} compared
     * by difference, like the deadlines: it only has to order timers armed within 2^31 armings.
     */
    private int[] sequences = new int[INITIAL_CAPACITY];
    private int size;
    private int armed;

    /** Arms {@code timer} to expire at {@code deadlineNanos}, re-arming it if it already is. */
    void arm(Timer timer, long deadlineNanos) {
        disarm(timer);
        if (size == timers.length) {
            int capacity = size * 2;
            timers = Arrays.copyOf(timers, capacity);
            deadlines = Arrays.copyOf(deadlines, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
        }
        int i = size++;
        place(timer, deadlineNanos, armed++, i);
        siftUp(i);
    }

    /** Disarms {@code timer}: it will not expire. Does nothing if it is not armed. */
    void disarm(Timer timer) {
        int i = timer.heapIndex();
        if (i < 0) {
            return;
        }
        timer.heapIndex(-1);
        int last = --size;
        Timer moved = timers[last];
        timers[last] = null;
        if (i < last) {
            place(moved, deadlines[last], sequences[last], i);
            siftDown(i);
            siftUp(moved.heapIndex());
        }
    }

    /** The earliest deadline armed, or {@link Long#MAX_VALUE} if none is. */
    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /**
     * Disarms every timer whose deadline is at or before {@code nowNanos} and runs its expiry
     * action, earliest first. An action may arm or disarm timers; one armed already due fires in
     * this same call.
     */
    void expire(long nowNanos) {
        while (size > 0 && deadlines[0] - nowNanos <= 0) {
            Timer due = timers[0];
            disarm(due);
            due.expired();
        }
    }

    private void siftUp(int i) {
        Timer t = timers[i];
        long deadline = deadlines[i];
        int sequence = sequences[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(deadline, sequence, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(t, deadline, sequence, i);
    }

    private void siftDown(int i) {
        Timer t = timers[i];
        long deadline = deadlines[i];
        int sequence = sequences[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(deadlines[child + 1], sequences[child + 1], child)) {
                child++;
            }
            if (!before(deadlines[child], sequences[child], deadline, sequence)) {
                break;
            }
            move(child, i);
            i = child;
        }
        place(t, deadline, sequence, i);
    }

    /** Whether a deadline (with its sequence) fires before the one at heap slot {@code i}. */
    private boolean before(long deadline, int sequence, int i) {
        return before(deadline, sequence, deadlines[i], sequences[i]);
    }

    private static boolean before(long deadline, int sequence, long otherDeadline, int otherSequence) {
        long d = deadline - otherDeadline; // subtraction: nanoTime values may wrap
        return d < 0 || (d == 0 && sequence - otherSequence < 0);
    }

    private void move(int from, int to) {
        place(timers[from], deadlines[from], sequences[from], to);
    }

    private void place(Timer t, long deadline, int sequence, int i) {
        timers[i] = t;
        deadlines[i] = deadline;
        sequences[i] = sequence;
        t.heapIndex(i);
    }
}
