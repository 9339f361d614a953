package io.zsync;

import io.zsync.spi.ChannelReadiness;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/** One wait of one task for a channel to become ready, told by the NIO driver's {@link ChannelReadiness}. */
final class ReadyWait extends Waitable {

    private final WaitList waiters = new WaitList();

    ReadyWait(CoreIo runtime) {
        super(runtime);
    }

    /** Returns {@code false} if the deadline passed first. A cancellation point. */
    boolean await(ChannelReadiness driver, SelectableChannel channel, int ops, long deadline) throws IOException {
        runtime.checkCancel();
        Waiter w = new Waiter(runtime.currentStrand(), null);
        synchronized (this) {
            waiters.add(w);
        }
        ChannelReadiness.Watch watch = driver.watch(channel, ops, this::ready);
        try {
            return block(w, deadline, true) != Waiter.WAITING;
        } finally {
            watch.cancel();
        }
    }

    private synchronized void ready() {
        waiters.wakeAll(Waiter.GRANTED);
    }
}
