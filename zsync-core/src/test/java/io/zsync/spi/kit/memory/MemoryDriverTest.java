package io.zsync.spi.kit.memory;

import static io.zsync.spi.kit.memory.Ops.done;
import static io.zsync.spi.kit.memory.Ops.op;
import static io.zsync.spi.kit.memory.Ops.read;
import static io.zsync.spi.kit.memory.Ops.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.spi.Handle;
import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The memory driver's sockets at the level of ops: start, poll, cancel and close as the core drives them. */
class MemoryDriverTest {

    private final MemoryWorld world = MemoryWorld.create();
    private final MemoryDriver driver = (MemoryDriver) world.create(null);

    @Test
    void a_write_is_read_by_the_peer_and_a_read_waits_until_bytes_come() throws Exception {
        Handle[] ends = Ops.pair(driver);
        AtomicInteger wakes = new AtomicInteger();
        ByteBuffer dst = ByteBuffer.allocate(8);
        Op reading = read(ends[1], dst).waker(o -> wakes.incrementAndGet());
        assertEquals(Op.PENDING, driver.start(reading));
        assertEquals(Op.PENDING, driver.poll(reading), "a spurious poll stays queued");
        done(driver, write(ends[0], ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(1, wakes.get(), "the write woke the reader");
        assertEquals(Op.DONE, driver.poll(reading));
        assertEquals(5, reading.result());
        assertEquals("hello", new String(dst.array(), 0, dst.position(), StandardCharsets.US_ASCII));
        closeAll(ends);
    }

    @Test
    void a_try_only_read_with_nothing_there_would_block_and_does_nothing() throws Exception {
        Handle[] ends = Ops.pair(driver);
        Op reading = read(ends[1], ByteBuffer.allocate(4)).tryOnly(true);
        assertEquals(Op.WOULD_BLOCK, driver.start(reading));
        done(driver, write(ends[0], ByteBuffer.wrap(new byte[] {1, 2})));
        assertEquals(Op.DONE, driver.start(read(ends[1], ByteBuffer.allocate(4)).tryOnly(true)));
        closeAll(ends);
    }

    @Test
    void a_write_copies_what_fits_then_waits_for_the_reader_to_make_room() throws Exception {
        Handle[] ends = Ops.pair(driver);
        ByteBuffer big = ByteBuffer.allocate(Pipe.CAPACITY + 100);
        Op first = done(driver, write(ends[0], big));
        assertEquals(Pipe.CAPACITY, first.result(), "a write copies what fits, no more");
        AtomicInteger wakes = new AtomicInteger();
        Op second = write(ends[0], big).waker(o -> wakes.incrementAndGet());
        assertEquals(Op.PENDING, driver.start(second), "a full pipe makes the writer wait");
        Op drained = done(driver, read(ends[1], ByteBuffer.allocate(40)));
        assertEquals(40, drained.result());
        assertEquals(1, wakes.get(), "the read woke the writer");
        assertEquals(Op.DONE, driver.poll(second));
        assertEquals(40, second.result());
        assertEquals(60, big.remaining());
        closeAll(ends);
    }

    @Test
    void a_canceled_read_takes_nothing_and_the_next_read_gets_every_byte() throws Exception {
        Handle[] ends = Ops.pair(driver);
        AtomicInteger wakes = new AtomicInteger();
        ByteBuffer dst = ByteBuffer.allocate(8);
        Op reading = read(ends[1], dst).waker(o -> wakes.incrementAndGet());
        assertEquals(Op.PENDING, driver.start(reading));
        done(driver, write(ends[0], ByteBuffer.wrap(new byte[] {7, 8, 9})));
        assertEquals(Op.CANCELED, Ops.settle(driver, reading, wakes), "woken, not yet polled: canceled before it copied");
        assertEquals(0, dst.position());
        Op next = done(driver, read(ends[1], ByteBuffer.allocate(8)));
        assertEquals(3, next.result());
        closeAll(ends);
    }

    @Test
    void shutdown_output_gives_the_peer_end_of_stream_after_the_bytes() throws Exception {
        Handle[] ends = Ops.pair(driver);
        done(driver, write(ends[0], ByteBuffer.wrap(new byte[] {1})));
        done(driver, op().reset(Op.Kind.STREAM_SHUTDOWN, ends[0]).count(Op.SHUTDOWN_OUTPUT));
        assertEquals(1, done(driver, read(ends[1], ByteBuffer.allocate(4))).result());
        assertEquals(-1, done(driver, read(ends[1], ByteBuffer.allocate(4))).result());
        Op late = write(ends[0], ByteBuffer.allocate(1));
        driver.start(late);
        assertEquals(IoError.CLOSED, late.error(), "a write after shutdownOutput");
        done(driver, write(ends[1], ByteBuffer.wrap(new byte[] {2})));
        assertEquals(1, done(driver, read(ends[0], ByteBuffer.allocate(4))).result(), "the other direction goes on");
        closeAll(ends);
    }

    @Test
    void close_gives_the_peer_end_of_stream_and_its_later_writes_a_reset() throws Exception {
        Handle[] ends = Ops.pair(driver);
        done(driver, write(ends[0], ByteBuffer.wrap(new byte[] {1, 2})));
        driver.close(ends[0]);
        assertEquals(2, done(driver, read(ends[1], ByteBuffer.allocate(4))).result());
        assertEquals(-1, done(driver, read(ends[1], ByteBuffer.allocate(4))).result());
        Op write = write(ends[1], ByteBuffer.allocate(1));
        assertEquals(Op.DONE, driver.start(write));
        assertEquals(IoError.RESET, write.error());
        driver.close(ends[1]);
    }

    @Test
    void close_with_linger_zero_resets_the_peer_dropping_the_bytes() throws Exception {
        Handle[] ends = Ops.pair(driver);
        done(driver, write(ends[0], ByteBuffer.wrap(new byte[] {1, 2})));
        driver.setOption(ends[0], StandardSocketOptions.SO_LINGER, 0);
        driver.close(ends[0]);
        Op reading = read(ends[1], ByteBuffer.allocate(4));
        assertEquals(Op.DONE, driver.start(reading));
        assertEquals(IoError.RESET, reading.error());
        driver.close(ends[1]);
    }

    @Test
    void close_settles_the_ops_in_flight_on_the_handle_as_closed_and_wakes_them() throws Exception {
        Handle[] ends = Ops.pair(driver);
        AtomicInteger readWakes = new AtomicInteger();
        Op reading = read(ends[1], ByteBuffer.allocate(4)).waker(o -> readWakes.incrementAndGet());
        assertEquals(Op.PENDING, driver.start(reading));
        done(driver, write(ends[1], ByteBuffer.allocate(Pipe.CAPACITY)));
        AtomicInteger writeWakes = new AtomicInteger();
        Op writing = write(ends[1], ByteBuffer.allocate(1)).waker(o -> writeWakes.incrementAndGet());
        assertEquals(Op.PENDING, driver.start(writing));
        driver.close(ends[1]);
        assertEquals(1, readWakes.get());
        assertEquals(1, writeWakes.get());
        assertEquals(Op.DONE, driver.poll(reading));
        assertEquals(IoError.CLOSED, reading.error());
        assertEquals(Op.DONE, driver.poll(writing));
        assertEquals(IoError.CLOSED, writing.error());
        driver.cancel(reading);
        assertEquals(Op.DONE, driver.poll(reading), "a cancel after the close does not undo it");
        Op after = read(ends[1], ByteBuffer.allocate(1));
        driver.start(after);
        assertEquals(IoError.CLOSED, after.error());
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> driver.localAddress(ends[1]));
        driver.close(ends[0]);
    }

    @Test
    void connect_is_refused_where_nobody_listens_and_accept_takes_the_queued_connection() throws Exception {
        Op refused = op().reset(Op.Kind.STREAM_CONNECT, null).subject(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));
        assertEquals(Op.DONE, driver.start(refused));
        assertEquals(IoError.REFUSED, refused.error());
        Handle listener = Ops.listen(driver);
        SocketAddress address = driver.localAddress(listener);
        assertTrue(((InetSocketAddress) address).getPort() > 0, "port 0 picked a port");
        AtomicInteger wakes = new AtomicInteger();
        Op accepting = op(wakes).reset(Op.Kind.STREAM_ACCEPT, listener);
        assertEquals(Op.PENDING, driver.start(accepting));
        Handle client = (Handle) done(driver, op().reset(Op.Kind.STREAM_CONNECT, null).subject(address)).value();
        assertEquals(1, wakes.get(), "the connect woke the accept");
        assertEquals(Op.DONE, driver.poll(accepting));
        Handle server = (Handle) accepting.value();
        assertEquals(driver.localAddress(client), driver.remoteAddress(server));
        assertEquals(driver.remoteAddress(client), driver.localAddress(server));
        Op taken = op().reset(Op.Kind.STREAM_LISTEN, null).subject(address).count(1);
        driver.start(taken);
        assertEquals(IoError.ADDRESS_IN_USE, taken.error());
        driver.close(client);
        driver.close(server);
        driver.close(listener);
        assertEquals(0, driver.openHandles());
    }

    @Test
    void a_canceled_accept_takes_no_connection() throws Exception {
        Handle listener = Ops.listen(driver);
        AtomicInteger wakes = new AtomicInteger();
        Op accepting = op(wakes).reset(Op.Kind.STREAM_ACCEPT, listener);
        assertEquals(Op.PENDING, driver.start(accepting));
        assertEquals(Op.CANCELED, Ops.settle(driver, accepting, wakes));
        Handle client = (Handle) done(driver, op().reset(Op.Kind.STREAM_CONNECT, null)
                .subject(driver.localAddress(listener))).value();
        Handle server = (Handle) done(driver, op().reset(Op.Kind.STREAM_ACCEPT, listener)).value();
        closeAll(new Handle[] {client, server, listener});
    }

    @Test
    void a_woken_accept_canceled_before_its_poll_hands_the_connection_to_the_next_accept() throws Exception {
        Handle listener = Ops.listen(driver);
        AtomicInteger firstWakes = new AtomicInteger();
        AtomicInteger secondWakes = new AtomicInteger();
        Op first = op(firstWakes).reset(Op.Kind.STREAM_ACCEPT, listener);
        Op second = op(secondWakes).reset(Op.Kind.STREAM_ACCEPT, listener);
        assertEquals(Op.PENDING, driver.start(first));
        assertEquals(Op.PENDING, driver.start(second));
        Handle client = (Handle) done(driver, op().reset(Op.Kind.STREAM_CONNECT, null)
                .subject(driver.localAddress(listener))).value();
        assertEquals(1, firstWakes.get());
        assertEquals(0, secondWakes.get());
        assertEquals(Op.CANCELED, Ops.settle(driver, first, firstWakes));
        assertEquals(1, secondWakes.get(), "the cancel passed the wake on");
        assertEquals(Op.DONE, driver.poll(second));
        closeAll(new Handle[] {client, (Handle) second.value(), listener});
    }

    @Test
    void a_connect_waits_while_the_backlog_is_full_and_a_canceled_one_leaves_nothing_queued() throws Exception {
        Handle listener = (Handle) done(driver, op().reset(Op.Kind.STREAM_LISTEN, null)
                .subject(Ops.ANY_LOOPBACK_PORT).count(1)).value();
        SocketAddress address = driver.localAddress(listener);
        Handle queued = (Handle) done(driver, op().reset(Op.Kind.STREAM_CONNECT, null).subject(address)).value();
        AtomicInteger wakes = new AtomicInteger();
        Op waiting = op(wakes).reset(Op.Kind.STREAM_CONNECT, null).subject(address);
        assertEquals(Op.PENDING, driver.start(waiting));
        assertEquals(Op.CANCELED, Ops.settle(driver, waiting, wakes));
        Handle accepted = (Handle) done(driver, op().reset(Op.Kind.STREAM_ACCEPT, listener)).value();
        Op nothing = op().reset(Op.Kind.STREAM_ACCEPT, listener).tryOnly(true);
        assertEquals(Op.WOULD_BLOCK, driver.start(nothing), "the canceled connect queued nothing");
        assertEquals(3, driver.openHandles(), "the listener, the client's end and the accepted end: no other");
        closeAll(new Handle[] {queued, accepted, listener});
    }

    @Test
    void closing_a_listener_resets_the_connections_in_its_backlog_and_settles_its_accepts() throws Exception {
        Handle listener = Ops.listen(driver);
        Handle client = (Handle) done(driver, op().reset(Op.Kind.STREAM_CONNECT, null)
                .subject(driver.localAddress(listener))).value();
        driver.close(listener);
        Op reading = read(client, ByteBuffer.allocate(1));
        assertEquals(Op.DONE, driver.start(reading));
        assertEquals(IoError.RESET, reading.error());
        Op accepting = op().reset(Op.Kind.STREAM_ACCEPT, listener);
        driver.start(accepting);
        assertEquals(IoError.CLOSED, accepting.error());
        driver.close(client);
    }

    @Test
    void unix_domain_addresses_are_names_in_the_world() throws Exception {
        UnixDomainSocketAddress name = UnixDomainSocketAddress.of("/run/app.sock");
        Handle listener = (Handle) done(driver, op().reset(Op.Kind.STREAM_LISTEN, null).subject(name).count(4)).value();
        Handle client = (Handle) done(driver, op().reset(Op.Kind.STREAM_CONNECT, null).subject(name)).value();
        assertEquals(name, driver.remoteAddress(client));
        Handle server = (Handle) done(driver, op().reset(Op.Kind.STREAM_ACCEPT, listener)).value();
        closeAll(new Handle[] {client, server, listener});
        Op refused = op().reset(Op.Kind.STREAM_CONNECT, null).subject(name);
        driver.start(refused);
        assertEquals(IoError.REFUSED, refused.error(), "the name is free once its listener closed");
    }

    @Test
    void datagrams_arrive_whole_with_their_sender_and_a_canceled_receive_takes_none() throws Exception {
        Handle a = (Handle) done(driver, op().reset(Op.Kind.DATAGRAM_OPEN, null).subject(Ops.ANY_LOOPBACK_PORT)).value();
        Handle b = (Handle) done(driver, op().reset(Op.Kind.DATAGRAM_OPEN, null).subject(new InetSocketAddress(0))).value();
        int port = ((InetSocketAddress) driver.localAddress(b)).getPort();
        AtomicInteger wakes = new AtomicInteger();
        ByteBuffer dst = ByteBuffer.allocate(4);
        Op receiving = op(wakes).reset(Op.Kind.DATAGRAM_RECEIVE, b).buffers(new ByteBuffer[] {dst});
        assertEquals(Op.PENDING, driver.start(receiving));
        done(driver, op().reset(Op.Kind.DATAGRAM_SEND, a).buffers(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6})})
                .subject(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        assertEquals(Op.CANCELED, Ops.settle(driver, receiving, wakes));
        assertEquals(0, dst.position());
        Op received = done(driver, op().reset(Op.Kind.DATAGRAM_RECEIVE, b).buffers(new ByteBuffer[] {dst}));
        assertEquals(4, received.result(), "what does not fit is dropped");
        assertEquals(driver.localAddress(a), received.value());
        Op none = op().reset(Op.Kind.DATAGRAM_RECEIVE, b).buffers(new ByteBuffer[] {ByteBuffer.allocate(8)}).tryOnly(true);
        assertEquals(Op.WOULD_BLOCK, driver.start(none), "one datagram, received once");
        closeAll(new Handle[] {a, b});
    }

    @Test
    void a_full_datagram_queue_drops_and_a_connected_socket_takes_its_peer_only() throws Exception {
        Handle a = (Handle) done(driver, op().reset(Op.Kind.DATAGRAM_OPEN, null).subject(Ops.ANY_LOOPBACK_PORT)).value();
        Handle b = (Handle) done(driver, op().reset(Op.Kind.DATAGRAM_OPEN, null).subject(Ops.ANY_LOOPBACK_PORT)).value();
        Handle c = (Handle) done(driver, op().reset(Op.Kind.DATAGRAM_OPEN, null).subject(Ops.ANY_LOOPBACK_PORT)).value();
        done(driver, op().reset(Op.Kind.DATAGRAM_CONNECT, b).subject(driver.localAddress(a)));
        done(driver, op().reset(Op.Kind.DATAGRAM_SEND, c).buffers(new ByteBuffer[] {ByteBuffer.allocate(1)})
                .subject(driver.localAddress(b)));
        int sent = DatagramEnd.QUEUE_BYTES / 1000 + 5;
        for (int i = 0; i < sent; i++) {
            done(driver, op().reset(Op.Kind.DATAGRAM_SEND, a).buffers(new ByteBuffer[] {ByteBuffer.allocate(1000)})
                    .subject(driver.localAddress(b)));
        }
        int received = 0;
        while (driver.start(op().reset(Op.Kind.DATAGRAM_RECEIVE, b).buffers(new ByteBuffer[] {ByteBuffer.allocate(1000)})
                .flag(true).tryOnly(true)) == Op.DONE) {
            received++;
        }
        assertEquals(DatagramEnd.QUEUE_BYTES / 1000, received, "the queue's bound; c's datagram filtered out");
        closeAll(new Handle[] {a, b, c});
    }

    @Test
    void lookup_knows_localhost_literals_and_the_hosts_a_test_adds() throws Exception {
        world.addHost("db.test", InetAddress.ofLiteral("127.0.0.7"));
        assertEquals(List.of(InetAddress.getLoopbackAddress()),
                done(driver, op().reset(Op.Kind.LOOKUP, null).subject("localhost")).value());
        assertEquals(List.of(InetAddress.ofLiteral("127.0.0.7")),
                done(driver, op().reset(Op.Kind.LOOKUP, null).subject("DB.test")).value());
        assertEquals(List.of(InetAddress.ofLiteral("::1")), done(driver, op().reset(Op.Kind.LOOKUP, null).subject("::1")).value());
        Op unknown = op().reset(Op.Kind.LOOKUP, null).subject("nowhere.invalid");
        driver.start(unknown);
        assertEquals(IoError.UNKNOWN_HOST, unknown.error());
    }

    @Test
    void options_are_kept_per_handle_and_others_are_unsupported() throws Exception {
        Handle[] ends = Ops.pair(driver);
        assertEquals(false, driver.getOption(ends[0], StandardSocketOptions.TCP_NODELAY));
        driver.setOption(ends[0], StandardSocketOptions.TCP_NODELAY, true);
        assertEquals(true, driver.getOption(ends[0], StandardSocketOptions.TCP_NODELAY));
        assertEquals(false, driver.getOption(ends[1], StandardSocketOptions.TCP_NODELAY));
        assertThrows(UnsupportedOperationException.class,
                () -> driver.setOption(ends[0], StandardSocketOptions.IP_MULTICAST_LOOP, true));
        closeAll(ends);
        assertThrows(java.nio.channels.ClosedChannelException.class,
                () -> driver.getOption(ends[0], StandardSocketOptions.TCP_NODELAY));
    }

    @Test
    void transfer_and_multicast_are_unsupported() throws Exception {
        Op transfer = op().reset(Op.Kind.TRANSFER, null);
        driver.start(transfer);
        assertEquals(IoError.UNSUPPORTED, transfer.error());
        Handle socket = (Handle) done(driver, op().reset(Op.Kind.DATAGRAM_OPEN, null).subject(Ops.ANY_LOOPBACK_PORT)).value();
        Op join = op().reset(Op.Kind.MEMBERSHIP_JOIN, socket).subject(InetAddress.ofLiteral("239.1.2.3"));
        driver.start(join);
        assertEquals(IoError.UNSUPPORTED, join.error());
        driver.close(socket);
    }

    @Test
    void two_drivers_of_one_world_reach_each_other_and_count_their_own_handles() throws Exception {
        MemoryDriver other = (MemoryDriver) world.create(null);
        Handle listener = Ops.listen(driver);
        Handle client = (Handle) done(other, op().reset(Op.Kind.STREAM_CONNECT, null)
                .subject(driver.localAddress(listener))).value();
        Handle server = (Handle) done(driver, op().reset(Op.Kind.STREAM_ACCEPT, listener)).value();
        assertEquals(2, driver.openHandles());
        assertEquals(1, other.openHandles());
        assertEquals(3, world.openHandles());
        done(other, write(client, ByteBuffer.wrap(new byte[] {5})));
        ByteBuffer one = ByteBuffer.allocate(1);
        done(driver, read(server, one));
        assertArrayEquals(new byte[] {5}, one.array());
        closeAll(new Handle[] {client, server, listener});
        assertEquals(0, world.openHandles());
    }

    private void closeAll(Handle[] handles) {
        for (Handle h : handles) {
            driver.close(h);
        }
    }
}
