package io.zsync.backend.evented;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.spi.ChannelReadiness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopIoDriverTest {

    /** A connected loopback pair; {@code near} is non-blocking, for watching. */
    private record Pair(SocketChannel near, SocketChannel far) implements AutoCloseable {

        static Pair open() throws IOException {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel far = SocketChannel.open(listener.getLocalAddress());
                SocketChannel near = listener.accept();
                near.configureBlocking(false);
                return new Pair(near, far);
            }
        }

        void send() throws IOException {
            far.write(ByteBuffer.wrap(new byte[] {1}));
        }

        @Override
        public void close() throws IOException {
            near.close();
            far.close();
        }
    }

    /** Counts and records where its onReady ran. */
    private static final class Probe implements Runnable {
        final CountDownLatch called = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        volatile Thread thread;

        @Override
        public void run() {
            thread = Thread.currentThread();
            calls.incrementAndGet();
            called.countDown();
        }

        void await() throws InterruptedException {
            Backends.await(called, "onReady to be called");
        }
    }

    /** A listener watched for connections that never come, to be closed through the driver. */
    private record Listening(ServerSocketChannel channel, InetSocketAddress address, Probe probe) {

        static Listening open() throws IOException {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
            return new Listening(channel, (InetSocketAddress) channel.getLocalAddress(), new Probe());
        }

        void watch(ChannelReadiness driver) throws IOException {
            driver.watch(channel, SelectionKey.OP_ACCEPT, probe);
        }

        /**
         * Its watcher was woken once, and its descriptor is released: binding its port again fails
         * while the descriptor is held, even after the channel is closed.
         */
        void assertWokenAndReleased() throws IOException {
            assertEquals(1, probe.calls.get(), "the watcher was woken");
            assertFalse(channel.isRegistered());
            try (ServerSocketChannel again = ServerSocketChannel.open()) {
                again.bind(address);
            }
        }
    }

    @Test
    void a_watch_on_a_loop_registers_with_that_loops_selector_at_once_and_is_told_there() throws Exception {
        try (Backends b = new Backends(2); Pair pair = Pair.open()) {
            ChannelReadiness driver = b.backend.ioDriver().extension(ChannelReadiness.class);
            Probe probe = new Probe();
            EventLoop loop = b.loop(1);
            Backends.onLoop(loop, () -> {
                driver.watch(pair.near(), SelectionKey.OP_READ, probe);
                assertNotNull(pair.near().keyFor(loop.selector), "registered directly, no command queued");
            });
            pair.send();
            probe.await();
            assertSame(loop, probe.thread);
            assertNull(pair.near().keyFor(b.loop(0).selector));
        }
    }

    @Test
    void a_watch_from_another_thread_is_handed_to_a_loop_and_told_on_it() throws Exception {
        try (Backends b = new Backends(2); Pair pair = Pair.open()) {
            Probe probe = new Probe();
            b.backend.ioDriver().extension(ChannelReadiness.class).watch(pair.near(), SelectionKey.OP_READ, probe);
            pair.send();
            probe.await();
            assertInstanceOf(EventLoop.class, probe.thread);
            assertEquals(1, probe.calls.get());
        }
    }

    @Test
    void later_watches_of_a_channel_go_to_its_loop_and_a_canceled_watch_is_never_told() throws Exception {
        try (Backends b = new Backends(2); Pair pair = Pair.open()) {
            ChannelReadiness driver = b.backend.ioDriver().extension(ChannelReadiness.class);
            Probe first = new Probe();
            Backends.onLoop(b.loop(0), () -> driver.watch(pair.near(), SelectionKey.OP_READ, first).cancel());
            Probe second = new Probe();
            Backends.onLoop(b.loop(1), () -> driver.watch(pair.near(), SelectionKey.OP_READ, second));
            pair.send();
            second.await();
            assertSame(b.loop(0), second.thread, "served by the loop that registered the channel first");
            assertNull(pair.near().keyFor(b.loop(1).selector));
            Backends.onLoop(b.loop(0), () -> {}); // anything the first watch could get has been dispatched
            assertEquals(0, first.calls.get());
        }
    }

    @Test
    void close_from_another_thread_wakes_the_watchers_and_returns_with_the_descriptor_released() throws Exception {
        try (Backends b = new Backends(2)) {
            Listening listening = Listening.open();
            ChannelReadiness driver = b.backend.ioDriver().extension(ChannelReadiness.class);
            listening.watch(driver);
            driver.close(listening.channel());
            listening.assertWokenAndReleased();
            assertThrows(ClosedChannelException.class, () -> listening.watch(driver));
            driver.close(listening.channel()); // idempotent
        }
    }

    @Test
    void close_on_the_channels_own_loop_wakes_the_watchers_and_releases_the_descriptor_before_it_returns()
            throws Exception {
        try (Backends b = new Backends(2)) {
            Listening listening = Listening.open();
            ChannelReadiness driver = b.backend.ioDriver().extension(ChannelReadiness.class);
            Backends.onLoop(b.loop(0), () -> {
                listening.watch(driver);
                driver.close(listening.channel());
                listening.assertWokenAndReleased();
                assertSame(b.loop(0), listening.probe().thread);
            });
        }
    }

    @Test
    void close_from_another_loop_returns_at_once_and_the_channels_loop_releases_it_in_its_next_turn()
            throws Exception {
        try (Backends b = new Backends(2)) {
            Listening listening = Listening.open();
            ChannelReadiness driver = b.backend.ioDriver().extension(ChannelReadiness.class);
            Backends.onLoop(b.loop(0), () -> listening.watch(driver));
            Backends.onLoop(b.loop(1), () -> driver.close(listening.channel()));
            // Loop 0 runs the close it was handed before this command, queued after it.
            Backends.onLoop(b.loop(0), listening::assertWokenAndReleased);
            assertSame(b.loop(0), listening.probe().thread);
        }
    }

    @Test
    void closing_the_backend_wakes_pending_watchers_and_later_watches_fail() throws Exception {
        Backends b = new Backends(2);
        try (Pair pair = Pair.open()) {
            ChannelReadiness driver = b.backend.ioDriver().extension(ChannelReadiness.class);
            Probe probe = new Probe();
            driver.watch(pair.near(), SelectionKey.OP_READ, probe);
            b.close();
            assertEquals(1, probe.calls.get(), "woken as the loops ended");
            assertFalse(pair.near().isRegistered(), "closing the selectors released the channel");
            assertThrows(IOException.class, () -> driver.watch(pair.near(), SelectionKey.OP_READ, probe));
            assertThrows(IllegalStateException.class, b.backend::ioDriver);
        }
    }

    @Test
    void a_watch_of_a_blocking_channel_or_of_unsupported_operations_is_refused() throws Exception {
        try (Backends b = new Backends(1); Pair pair = Pair.open()) {
            ChannelReadiness driver = b.backend.ioDriver().extension(ChannelReadiness.class);
            assertThrows(java.nio.channels.IllegalBlockingModeException.class,
                    () -> driver.watch(pair.far(), SelectionKey.OP_READ, () -> {}));
            assertThrows(IllegalArgumentException.class,
                    () -> driver.watch(pair.near(), SelectionKey.OP_ACCEPT, () -> {}));
        }
    }
}
