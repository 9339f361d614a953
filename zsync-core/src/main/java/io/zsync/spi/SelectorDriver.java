package io.zsync.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link IoDriver} for backends that run tasks on threads: one {@link Selector} and one daemon
 * thread that selects on it and runs the callbacks of the channels that became ready. Only that
 * thread touches the selector's keys; other threads hand it commands and wake it up.
 */
public final class SelectorDriver implements IoDriver {

    /** How often a close waiting for its key's release checks that the driver thread still runs. */
    private static final long RELEASE_CHECK_MILLIS = 50;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    /** Commands that must wait for one more selection (a close whose key is not yet deregistered). */
    private final List<Runnable> afterNextSelect = new ArrayList<>();
    /** The watches of every channel registered here, by channel; touched by the driver thread only. */
    private final Map<SelectableChannel, ChannelWatches> watched = new HashMap<>();
    private volatile boolean closed;

    public SelectorDriver(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the '" + name + "' backend's I/O driver", e);
        }
        thread = Thread.ofPlatform().daemon().name("zsync-io-driver-" + name).start(this::run);
    }

    @Override
    public Watch watch(SelectableChannel channel, int ops, Runnable onReady) throws IOException {
        if (closed) {
            throw new IOException("this I/O driver is shut down: the Io it belongs to was closed");
        }
        ChannelWatches.Pending watch = ChannelWatches.newWatch(channel, ops, onReady);
        submit(() -> add(channel, watch));
        return watch;
    }

    @Override
    public void close(SelectableChannel channel) throws IOException {
        try {
            channel.close();
        } finally {
            if (!closed) {
                // The selector reports nothing for a canceled key, so the channel's waiters are woken
                // here, on the driver thread, after any watch submitted before; and the descriptor is
                // released only when the selector deregisters the key, inside a selection: wait for one.
                CountDownLatch released = new CountDownLatch(1);
                submit(() -> {
                    ChannelWatches watchers = watched.remove(channel);
                    if (watchers != null) {
                        watchers.fireAll();
                    }
                    releaseWhenDeregistered(channel, released);
                });
                awaitRelease(released);
            }
        }
    }

    /**
     * Stops the driver thread and closes the selector. Pending watches are called, so that their
     * waiters wake up and find the driver gone when they watch again.
     */
    public void shutdown() {
        closed = true;
        selector.wakeup();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(Runnable command) {
        commands.add(command);
        selector.wakeup();
    }

    private void run() {
        try {
            while (!closed) {
                if (afterNextSelect.isEmpty()) {
                    selector.select();
                } else {
                    selector.selectNow();
                }
                dispatchSelected();
                runCommands();
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector failed: nothing can be watched any more; closing it releases its keys.
        } finally {
            // However the loop ended, later watches must fail rather than wait for a dead thread.
            closed = true;
            wakeEveryWaiter();
        }
    }

    /** Once closed: wakes whoever waits, and releases the selector with the keys it holds. */
    private void wakeEveryWaiter() {
        try {
            watched.values().forEach(ChannelWatches::fireAll);
            watched.clear();
            runCommands();
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                // Nothing is left to release it for: every waiter has been woken.
            }
        }
    }

    private void runCommands() {
        List<Runnable> retry = new ArrayList<>(afterNextSelect);
        afterNextSelect.clear();
        retry.forEach(Runnable::run);
        for (Runnable command = commands.poll(); command != null; command = commands.poll()) {
            command.run();
        }
    }

    private void releaseWhenDeregistered(SelectableChannel channel, CountDownLatch released) {
        if (channel.isRegistered() && !closed) {
            afterNextSelect.add(() -> releaseWhenDeregistered(channel, released));
        } else {
            released.countDown();
        }
    }

    private void add(SelectableChannel channel, ChannelWatches.Pending watch) {
        if (closed) {
            watch.fire();
            return;
        }
        SelectionKey key = channel.keyFor(selector);
        try {
            if (key == null) {
                ChannelWatches watchers = new ChannelWatches();
                watchers.add(watch);
                channel.register(selector, watchers.interest(), watchers);
                watched.put(channel, watchers);
            } else if (key.isValid()) {
                ChannelWatches watchers = (ChannelWatches) key.attachment();
                watchers.add(watch);
                key.interestOps(watchers.interest());
            } else {
                watch.fire();
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            // Closed meanwhile: wake the waiter, whose next operation reports the closed channel.
            watch.fire();
        }
    }

    private void dispatchSelected() {
        Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
        while (selected.hasNext()) {
            SelectionKey key = selected.next();
            selected.remove();
            ChannelWatches watchers = (ChannelWatches) key.attachment();
            try {
                watchers.fire(key.readyOps());
                key.interestOps(watchers.interest());
            } catch (CancelledKeyException closedMeanwhile) {
                // Its channel was closed by another thread: wake every waiter to find that out.
                watchers.fireAll();
                watched.remove(key.channel());
            }
        }
    }

    /** Waits for {@code released}, or for the driver thread to end (closing the selector releases every key). */
    private void awaitRelease(CountDownLatch released) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                if (released.await(RELEASE_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
