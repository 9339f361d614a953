package io.zsync.examples.microservice;

import io.zsync.CanceledException;
import io.zsync.Future;
import io.zsync.Group;
import io.zsync.Io;
import io.zsync.Semaphore;
import io.zsync.io.Reader;
import io.zsync.net.Connection;
import io.zsync.net.Listener;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A price service that reads each request and never answers, and sees its caller hang up: the
 * slow service B of the timeout and cancellation tests, on a raw zsync socket, so that what it
 * observes is the connection itself, not a server's view of it.
 */
final class SilentService implements AutoCloseable {

    /** How long a connection is held, at most, waiting for the caller to hang up. */
    private static final Duration HOLD = Duration.ofSeconds(30);

    private final Io io;
    private final Listener listener;
    /** A permit per request head read. */
    private final Semaphore asked;
    /** A permit per connection its caller closed after its request. */
    private final Semaphore hungUp;
    private final AtomicInteger hangUps = new AtomicInteger();
    private Future<Void, IOException> accepting;

    private SilentService(Io io, Listener listener) {
        this.io = io;
        this.listener = listener;
        this.asked = io.semaphore(0);
        this.hungUp = io.semaphore(0);
    }

    static SilentService start(Io io) throws IOException {
        SilentService service = new SilentService(io,
                io.net().listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        service.accepting = io.concurrent(service::accept);
        return service;
    }

    URI uri() throws IOException {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort());
    }

    /** Whether one more request head (than those awaited before) has arrived within {@code timeout}. */
    boolean awaitAsked(Duration timeout) {
        return asked.acquire(timeout);
    }

    /** Whether one more caller (than those awaited before) closed its connection after its request, within {@code timeout}. */
    boolean awaitHungUp(Duration timeout) {
        return hungUp.acquire(timeout);
    }

    /** Connections whose caller closed them after sending a request. */
    int hangUps() {
        return hangUps.get();
    }

    @Override
    public void close() throws IOException {
        try {
            accepting.cancel();
        } catch (CanceledException expected) {
            // It stops where it waits for the next connection, and its group closes the held ones.
        } finally {
            listener.close();
        }
    }

    private void accept() throws IOException {
        try (Group<RuntimeException> held = io.group()) {
            while (true) {
                Connection connection = listener.accept();
                held.async(() -> hold(connection));
            }
        }
    }

    private void hold(Connection connection) {
        try (connection) {
            connection.setReadTimeout(HOLD);
            Reader in = connection.reader();
            for (String line; (line = in.readLine(StandardCharsets.ISO_8859_1)) != null && !line.isEmpty(); ) {
                // the request's head, read to its end
            }
            asked.release();
            in.fill(1);
        } catch (SocketTimeoutException e) {
            // Held for HOLD without a hang-up: the test waiting for one fails.
        } catch (EOFException e) {
            hungUp();
        } catch (IOException e) {
            hungUp(); // a reset: the caller aborted its connection
        }
    }

    private void hungUp() {
        hangUps.incrementAndGet();
        hungUp.release();
    }
}
