package io.zsync.backend.evented;

import io.zsync.spi.ChannelReadiness;
import io.zsync.spi.kit.nio.ChannelWatches;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The channel readiness of the evented backend, under its NIO driver: each channel is registered
 * with the selector of one loop, the one that watched it first (the caller's own loop, if it runs on one), and every
 * watch of that channel is served there. A task that watches a channel of its own loop registers
 * it directly, with no command queued and no selector woken: the point of running the poller on
 * the loop that runs the tasks. Other threads hand the watch to the channel's loop.
 *
 * <p>Safe to call from any thread. {@code onReady} runs on the channel's loop thread (or, for a
 * watch that races the backend's close, on the watching thread).
 */
final class LoopIoDriver implements ChannelReadiness {

    /** Where a channel watched for the first time is registered. */
    private final Supplier<EventLoop> placement;
    private final ConcurrentHashMap<SelectableChannel, Registration> registrations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A driver that registers each new channel on the loop {@code placement} picks. */
    LoopIoDriver(Supplier<EventLoop> placement) {
        this.placement = placement;
    }

    @Override
    public Watch watch(SelectableChannel channel, int ops, Runnable onReady) throws IOException {
        if (closed) {
            throw new IOException("this I/O driver is shut down: the Io it belongs to was closed");
        }
        ChannelWatches.Pending watch = ChannelWatches.newWatch(channel, ops, onReady);
        Registration registration = registrations.computeIfAbsent(channel, c -> new Registration(c, placement.get()));
        EventLoop loop = registration.loop;
        if (EventLoop.current() == loop) {
            registration.add(watch);
        } else {
            loop.submit(() -> registration.add(watch));
            if (loop.hasEnded()) {
                watch.fire(); // the loop may have ended before it took the command: wake the waiter here
            }
        }
        return watch;
    }

    /**
     * Closes {@code channel}, wakes its watchers on its loop, and has the loop deregister its key,
     * which releases the descriptor. From a thread that is not a loop, and from the channel's own
     * loop, this returns once the descriptor is released. From another loop it returns at once, the
     * release following on the channel's loop within a turn: a loop never blocks waiting for
     * another, which could wait for it in turn.
     */
    @Override
    public void close(SelectableChannel channel) throws IOException {
        try {
            channel.close();
        } finally {
            Registration registration = registrations.remove(channel);
            if (registration != null) {
                EventLoop here = EventLoop.current();
                if (here == registration.loop) {
                    registration.closed();
                } else if (here != null) {
                    registration.loop.submit(registration::closed);
                } else {
                    closeAndAwait(registration);
                }
            }
        }
    }

    /** Makes every later watch fail; the loops, as they end, wake the pending ones. */
    void shutdown() {
        closed = true;
    }

    private static void closeAndAwait(Registration registration) {
        EventLoop loop = registration.loop;
        CountDownLatch released = new CountDownLatch(1);
        loop.submit(() -> {
            registration.closed();
            released.countDown();
        });
        boolean interrupted = false;
        // A loop that had not ended when the command was queued runs it, if only as it ends; one that had
        // may have missed it, but its thread ends by closing the selector, which releases every key.
        while (true) {
            try {
                if (loop.hasEnded()) {
                    loop.join();
                } else {
                    released.await();
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One channel on the selector of its loop, with its pending watches; confined to that loop. */
    private final class Registration implements EventLoop.Handler {

        final SelectableChannel channel;
        final EventLoop loop;
        private final ChannelWatches watches = new ChannelWatches();
        private SelectionKey key;

        Registration(SelectableChannel channel, EventLoop loop) {
            this.channel = channel;
            this.loop = loop;
        }

        void add(ChannelWatches.Pending watch) {
            if (loop.hasEnded()) {
                watch.fire();
                return;
            }
            watches.add(watch);
            try {
                if (key == null) {
                    key = channel.register(loop.selector, watches.interest(), this);
                } else {
                    key.interestOps(watches.interest());
                }
            } catch (ClosedChannelException | CancelledKeyException e) {
                gone(); // closed meanwhile: the waiter's next operation reports it
            }
        }

        @Override
        public void selected(SelectionKey selected) {
            try {
                watches.fire(selected.readyOps());
                selected.interestOps(watches.interest());
            } catch (CancelledKeyException closedMeanwhile) {
                gone();
            }
        }

        @Override
        public void loopEnded() {
            watches.fireAll();
        }

        /**
         * The channel was closed through the driver: the selector reports nothing for a canceled key,
         * so the waiters are woken here; and the descriptor is released only when the selector
         * deregisters the key, which the loop does now rather than at its next selection.
         */
        void closed() {
            watches.fireAll();
            loop.deregisterClosedKeys();
        }

        /** The channel was closed without the driver: wake its waiters and forget it. */
        private void gone() {
            watches.fireAll();
            registrations.remove(channel, this);
        }
    }
}
