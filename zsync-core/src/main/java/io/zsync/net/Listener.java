package io.zsync.net;

import io.zsync.Operation;
import io.zsync.diagnostics.Leaks;
import io.zsync.internal.IoCore;
import io.zsync.internal.IoFailures;
import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import io.zsync.spi.Op;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * A listening stream socket, TCP or Unix-domain, made by {@link Net#listen}. {@link #accept()}
 * may be called by several tasks at once; each connection goes to one of them.
 */
public final class Listener implements AutoCloseable {

    private final IoCore core;
    private final IoDriver driver;
    private final Handle handle;
    private final SocketOps accepts;
    private final Leaks.Tracker leak;

    /** A listener on {@code handle}, a {@code LISTENER} handle {@code core}'s driver made. */
    Listener(IoCore core, Handle handle) throws IOException {
        this.core = core;
        this.driver = core.driver();
        this.handle = handle;
        this.accepts = new SocketOps(core);
        this.leak = Leaks.track(core.io(), this);
    }

    /**
     * Waits for the next connection and returns it. A cancellation point: a canceled accept takes
     * no connection, so a pending one stays for the next accept.
     */
    public Connection accept() throws IOException {
        return acceptWithin(null);
    }

    /**
     * Like {@link #accept()}, but gives up after {@code timeout}, as a {@code ServerSocket} with
     * {@code setSoTimeout} does: an accept that timed out took no connection, and the listener
     * stays open and usable (accept again, or close it). A cancellation point.
     *
     * @throws SocketTimeoutException if no connection came within {@code timeout}
     */
    public Connection accept(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout is null; pass how long to wait for a connection");
        return acceptWithin(timeout);
    }

    private Connection acceptWithin(Duration timeout) throws IOException {
        Op op = accepts.take(Op.Kind.STREAM_ACCEPT, handle);
        Handle accepted;
        try {
            if (!accepts.run(op, accepts.deadline(timeout))) {
                throw new SocketTimeoutException("no connection came within " + timeout
                        + "; none was taken and the listener is open: accept again, or close it");
            }
            accepted = (Handle) op.value();
        } finally {
            accepts.release(op);
        }
        return Net.adopt(core, accepted);
    }

    /**
     * An accept, as {@link #accept()} does, as an operation to run in a {@link io.zsync.Batch} or
     * with {@link io.zsync.Io#operate}: its result is the connection. Canceled, it took none. A
     * connection that a batch's completion made and nobody took is closed when the batch closes.
     */
    public Operation<Connection> acceptOp() {
        Op op = new Op().reset(Op.Kind.STREAM_ACCEPT, handle);
        return core.operation(op, done -> {
            IoFailures.throwIfFailed(done);
            return Net.adopt(core, (Handle) done.value());
        });
    }

    /** The address the listener is bound to: with the port picked when 0 was asked for. */
    public SocketAddress localAddress() throws IOException {
        return driver.localAddress(handle);
    }

    /** Sets a socket option, such as {@link java.net.StandardSocketOptions#SO_RCVBUF} for accepted connections. */
    public <T> Listener setOption(SocketOption<T> option, T value) throws IOException {
        Objects.requireNonNull(option, "option is null; pass a socket option, such as StandardSocketOptions.SO_RCVBUF");
        driver.setOption(handle, option, value);
        return this;
    }

    /** Stops listening and releases the descriptor before returning; a Unix socket's file is deleted. Idempotent. */
    @Override
    public void close() throws IOException {
        leak.close();
        driver.close(handle);
    }

    @Override
    public String toString() {
        return "Listener[" + handle + "]";
    }
}
