package io.zsync.backend.evented;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What an event loop runs next: strands to start or continue, and commands for its selector. The
 * loop's own thread queues into a plain deque, with no atomic operation at all; other threads
 * queue into a lock-free multi-producer queue that the loop moves behind its own work once per
 * batch.
 *
 * <p>{@link #pushForeign} and {@link #removeForeign} are safe from any thread, and whatever a
 * thread did before {@code pushForeign} happens-before the loop runs the item. Every other method
 * is for the loop's thread only.
 */
final class RunQueue {

    private final ArrayDeque<Runnable> local = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> foreign = new ConcurrentLinkedQueue<>();

    /** Queues {@code item} from the loop's own thread. */
    void pushLocal(Runnable item) {
        local.addLast(item);
    }

    /** Queues {@code item} from any thread; the caller wakes the loop if it sleeps. */
    void pushForeign(Runnable item) {
        foreign.add(item);
    }

    /**
     * Takes back {@code item}, queued by {@link #pushForeign}, if the loop has not taken it yet.
     * Any thread.
     *
     * @return whether it was still there (the loop will never see it)
     */
    boolean removeForeign(Runnable item) {
        return foreign.remove(item);
    }

    /** Moves what other threads queued behind what the loop queued itself. */
    void takeForeign() {
        for (Runnable item = foreign.poll(); item != null; item = foreign.poll()) {
            local.addLast(item);
        }
    }

    /** The next item the loop took, or {@code null}; does not look at other threads' items. */
    Runnable poll() {
        return local.pollFirst();
    }

    boolean hasLocal() {
        return !local.isEmpty();
    }

    /** Whether another thread queued something the loop has not taken yet. */
    boolean hasForeign() {
        return !foreign.isEmpty();
    }
}
