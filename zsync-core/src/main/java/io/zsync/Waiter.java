package io.zsync;

import io.zsync.spi.Strand;

/**
 * One strand waiting on a primitive. The primitive grants it, under the primitive's lock, by
 * taking it off its {@link WaitList}, setting {@link #item} and then {@link #status}, and
 * unparking its strand: the waiter owns what it was granted even if it is canceled in the
 * meantime, so nothing handed over is ever lost.
 *
 * <p>One kind has no strand: a {@link Future}'s watcher, a set that took the future over, which
 * {@link #wake} tells instead of unparking anything.
 */
class Waiter {

    static final int WAITING = 0;
    static final int GRANTED = 1;
    /** Woken because the primitive closed (a {@link Queue}). */
    static final int CLOSED = 2;

    /** The waiting strand; {@code null} for a watcher that never parks. */
    final Strand strand;
    /** What the waiter wants (a mode, a count) or was handed (an element). */
    Object item;
    volatile int status;

    WaitList list;
    Waiter prev;
    Waiter next;

    Waiter(Strand strand, Object item) {
        this.strand = strand;
        this.item = item;
    }

    /** Grants the waiter; the caller holds the lock of the list the waiter was on and removed it. */
    void wake(int outcome) {
        status = outcome;
        strand.unpark();
    }
}
