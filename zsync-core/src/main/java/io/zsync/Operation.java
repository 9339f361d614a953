package io.zsync;

import io.zsync.internal.IoCore;
import io.zsync.spi.Handle;
import io.zsync.spi.Op;
import java.io.IOException;
import java.util.Objects;

/**
 * One I/O operation, made by the resource it acts on ({@code Connection.readOp(dst)},
 * {@code Connection.writeOp(src)}, {@code Listener.acceptOp()}, {@code UdpSocket.receiveOp(dst)}),
 * to run with others in a {@link Batch} or alone with {@link Io#operate}. Zig's
 * {@code Io.Operation}: the operation is a value, and whoever runs it decides how to wait.
 *
 * <p>Once run, {@link #result()} gives what the operation gave (the bytes read, the connection
 * accepted, the sender of a datagram), or throws how it failed. An operation runs once at a time:
 * after its result was taken it may be run again (a batch re-arms a read by adding it again).
 *
 * <p>Not thread-safe: an operation belongs to the task that runs it.
 *
 * @param <T> what the operation gives
 */
public final class Operation<T> {

    private enum State { IDLE, RUNNING, COMPLETED, CANCELED }

    private final IoCore.Outcome<T> outcome;
    private final Op op;
    private State state = State.IDLE;
    /** The batch running it, or {@code null}. */
    private Batch batch;
    private boolean resultTaken;
    private T result;
    private IOException failure;

    /** Made by a resource, through {@link IoCore#operation}. */
    Operation(Op op, IoCore.Outcome<T> outcome) {
        this.op = op;
        this.outcome = outcome;
    }

    /** Whether it ran to its end: {@link #result()} answers without throwing {@link IllegalStateException}. */
    public boolean isDone() {
        return state == State.COMPLETED || state == State.CANCELED;
    }

    /** Whether it was canceled before it took any effect. */
    public boolean isCanceled() {
        return state == State.CANCELED;
    }

    /**
     * What the operation gave. Does not wait.
     *
     * @throws IOException how it failed (the same exception the resource's own method throws)
     * @throws CanceledException if it was canceled before it took any effect
     * @throws IllegalStateException if it has not run to its end yet
     */
    public T result() throws IOException {
        switch (state) {
            case CANCELED -> throw new CanceledException("this operation was canceled before it took any effect: " + op.kind());
            case COMPLETED -> {
                if (!resultTaken) {
                    resultTaken = true;
                    try {
                        result = outcome.of(op);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                return result;
            }
            default -> throw new IllegalStateException("this operation (" + op.kind() + ") has not run to its end:"
                    + " await its batch first, or run it with io.operate");
        }
    }

    @Override
    public String toString() {
        return "Operation[" + op.kind() + ", " + state + "]";
    }

    // ---- for Batch and CoreIo ----------------------------------------------------------------------

    Op op() {
        return op;
    }

    Batch batch() {
        return batch;
    }

    /** Marks it running, in {@code batch} ({@code null} for {@link Io#operate}). */
    void begin(Batch batch) {
        if (state == State.RUNNING) {
            throw new IllegalStateException("this operation (" + op.kind() + ") is already running"
                    + (this.batch != null ? " in a batch" : "") + "; an operation runs once at a time");
        }
        state = State.RUNNING;
        this.batch = batch;
        resultTaken = false;
        result = null;
        failure = null;
    }

    void completed() {
        state = State.COMPLETED;
        batch = null;
    }

    void canceled() {
        state = State.CANCELED;
        batch = null;
    }

    /** Releases what a completion nobody took made: a connection or file handle it opened. */
    void discard(IoCore core) {
        if (state == State.COMPLETED && !resultTaken && op.error() == null && op.value() instanceof Handle made) {
            resultTaken = true;
            failure = new IOException("this operation's result was dropped when its batch closed before it was taken");
            try {
                core.driver().close(made);
            } catch (IOException ignored) {
                // The handle is closed anyway; nobody asked for it.
            }
        }
    }

    static <T> Operation<T> requireIdle(Operation<T> operation) {
        Objects.requireNonNull(operation, "operation is null; pass one made by its resource, such as connection.readOp(buffer)");
        return operation;
    }
}
