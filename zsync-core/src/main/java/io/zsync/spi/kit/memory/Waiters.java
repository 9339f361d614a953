package io.zsync.spi.kit.memory;

import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The ops waiting for one thing to happen on a resource (bytes in a pipe, room in it, a
 * connection in a backlog), in arrival order. Every method is called with the monitor of
 * {@link #lock} held; the ops taken out are woken by the caller after it let go of the monitor.
 */
final class Waiters {

    /** The resource whose monitor guards this queue and the {@link Wait}s in it. */
    final Object lock;
    private final ArrayDeque<Op> ops = new ArrayDeque<>();

    Waiters(Object lock) {
        this.lock = lock;
    }

    /** Queues {@code op} until the resource changes: {@link Op#PENDING}. */
    int park(Op op) {
        Wait wait = op.driverState() instanceof Wait w && w.queue == this ? w : new Wait(this);
        wait.queued = true;
        wait.canceled = false;
        wait.settled = false;
        op.driverState(wait);
        ops.add(op);
        return Op.PENDING;
    }

    /** Takes every waiting op out, to be woken: each polls again and finds out what changed. */
    void takeAll(List<Op> woken) {
        for (Op op; (op = ops.poll()) != null; ) {
            ((Wait) op.driverState()).queued = false;
            woken.add(op);
        }
    }

    /** Takes the first waiting op out, to be woken, if there is one. */
    void takeFirst(List<Op> woken) {
        Op op = ops.poll();
        if (op != null) {
            ((Wait) op.driverState()).queued = false;
            woken.add(op);
        }
    }

    /** Ends every waiting op failed with {@code error}, to be woken: the ops of a handle being closed. */
    void settleAll(IoError error, String detail, List<Op> woken) {
        for (Op op; (op = ops.poll()) != null; ) {
            Wait wait = (Wait) op.driverState();
            wait.queued = false;
            wait.settled = true;
            op.failed(error, detail, null);
            woken.add(op);
        }
    }

    /** Takes {@code op} out because it was canceled; a no-op if someone else took it out first. */
    void remove(Op op) {
        ops.remove(op);
    }
}
