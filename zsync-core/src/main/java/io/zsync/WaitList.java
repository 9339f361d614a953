package io.zsync;

/** An intrusive FIFO list of {@link Waiter}s, guarded by its owning primitive's lock. */
final class WaitList {

    private Waiter head;
    private Waiter tail;
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    Waiter peek() {
        return head;
    }

    void add(Waiter w) {
        w.list = this;
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        size++;
    }

    Waiter poll() {
        Waiter w = head;
        if (w != null) {
            remove(w);
        }
        return w;
    }

    void remove(Waiter w) {
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.list = null;
        size--;
    }

    /** Removes every waiter and wakes each with {@code outcome}. */
    void wakeAll(int outcome) {
        for (Waiter w = poll(); w != null; w = poll()) {
            w.wake(outcome);
        }
    }
}
