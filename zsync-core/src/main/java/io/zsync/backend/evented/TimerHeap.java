package io.zsync.backend.evented;

import java.util.Arrays;

/**
 * The deadlines of one event loop: a binary min-heap of {@link Timer}s on the
 * {@link System#nanoTime()} clock. Each timer knows its place in the heap, so that removing one
 * (a strand unparked before its deadline) costs O(log n) and leaves no dead entry behind to
 * grow the heap. Timers with equal deadlines fire in the order they were armed.
 *
 * <p>Not thread-safe: only the loop's own thread touches its heap and its timers.
 */
final class TimerHeap {

    /**
     * One deadline, and what to do when it passes: {@link #expired()}, a subclass's method rather
     * than a callback object, so that a timer costs one object. Armed in at most one heap at a time.
     */
    abstract static class Timer {

        private long deadline;
        /** Breaks ties between equal deadlines: the earlier armed fires first. */
        private long sequence;
        /** Where the timer sits in its heap's array, or -1 when it is not armed. */
        private int index = -1;

        /** Runs on the loop's thread when the deadline passes; the timer is disarmed by then. */
        abstract void expired();

        private boolean before(Timer other) {
            long d = deadline - other.deadline; // subtraction: nanoTime values may wrap
            return d < 0 || (d == 0 && sequence < other.sequence);
        }
    }

    private Timer[] heap = new Timer[16];
    private int size;
    private long armed;

    /** Arms {@code timer} to expire at {@code deadlineNanos}, re-arming it if it already is. */
    void arm(Timer timer, long deadlineNanos) {
        disarm(timer);
        timer.deadline = deadlineNanos;
        timer.sequence = armed++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.index = size;
        heap[size++] = timer;
        siftUp(timer.index);
    }

    /** Disarms {@code timer}: it will not expire. Does nothing if it is not armed. */
    void disarm(Timer timer) {
        int i = timer.index;
        if (i < 0) {
            return;
        }
        timer.index = -1;
        Timer last = heap[--size];
        heap[size] = null;
        if (i < size) {
            place(last, i);
            siftDown(i);
            siftUp(last.index);
        }
    }

    /** The earliest deadline armed, or {@link Long#MAX_VALUE} if none is. */
    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    /**
     * Disarms every timer whose deadline is at or before {@code nowNanos} and runs its expiry
     * action, earliest first. An action may arm or disarm timers; one armed already due fires in
     * this same call.
     */
    void expire(long nowNanos) {
        while (size > 0 && heap[0].deadline - nowNanos <= 0) {
            Timer due = heap[0];
            disarm(due);
            due.expired();
        }
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!t.before(heap[parent])) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(t, i);
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].before(heap[child])) {
                child++;
            }
            if (!heap[child].before(t)) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(t, i);
    }

    private void place(Timer t, int i) {
        heap[i] = t;
        t.index = i;
    }
}
