package io.zsync.spi.kit.nio;

import io.zsync.spi.ChannelReadiness;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pending watches of one channel, for an {@link ChannelReadiness} to keep beside the channel's
 * selection key: what the key's interest set must be, and which watches a readiness fires.
 *
 * <p>Not thread-safe: the driver's selecting thread owns it. The {@link Pending} watches it holds
 * are made on any thread and canceled from any thread.
 */
public final class ChannelWatches {

    private final List<Pending> watches = new ArrayList<>(2);

    /** An empty list. */
    public ChannelWatches() {}

    /**
     * Checks the arguments of {@link ChannelReadiness#watch}, and makes the watch it returns.
     *
     * @throws IllegalBlockingModeException if the channel is in blocking mode
     * @throws ClosedChannelException if the channel is closed
     * @throws IllegalArgumentException if {@code ops} is empty or not supported by the channel
     */
    public static Pending newWatch(SelectableChannel channel, int ops, Runnable onReady) throws IOException {
        if (channel.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        if (ops == 0 || (ops & ~channel.validOps()) != 0) {
            throw new IllegalArgumentException("operations " + ops + " are not a non-empty subset of what "
                    + channel.getClass().getSimpleName() + " supports (" + channel.validOps() + ")");
        }
        return new Pending(ops, onReady);
    }

    /** Adds {@code watch}, dropping the watches canceled so far. */
    public void add(Pending watch) {
        watches.removeIf(Pending::isCanceled);
        watches.add(watch);
    }

    /** The operations some pending watch waits for: the interest set the channel's key needs. */
    public int interest() {
        int ops = 0;
        for (Pending w : watches) {
            ops |= w.ops;
        }
        return ops;
    }

    /** Fires, and removes, the watches waiting for one of {@code readyOps}; drops canceled ones. */
    public void fire(int readyOps) {
        watches.removeIf(w -> {
            if ((w.ops & readyOps) == 0 && !w.isCanceled()) {
                return false;
            }
            w.fire();
            return true;
        });
    }

    /** Fires every watch and empties the list: the channel is closed, or the driver stops. */
    public void fireAll() {
        watches.forEach(Pending::fire);
        watches.clear();
    }

    /** A watch that fires at most once, unless canceled first. */
    public static final class Pending implements ChannelReadiness.Watch {

        private static final int PENDING = 0;
        private static final int FIRED = 1;
        private static final int CANCELED = 2;

        private final int ops;
        private final Runnable onReady;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        private Pending(int ops, Runnable onReady) {
            this.ops = ops;
            this.onReady = onReady;
        }

        /** Whether {@link #cancel()} came before {@link #fire()}. */
        public boolean isCanceled() {
            return state.get() == CANCELED;
        }

        /** Runs {@code onReady}, unless the watch fired or was canceled already. */
        public void fire() {
            if (state.compareAndSet(PENDING, FIRED)) {
                onReady.run();
            }
        }

        @Override
        public void cancel() {
            state.compareAndSet(PENDING, CANCELED);
        }
    }
}
