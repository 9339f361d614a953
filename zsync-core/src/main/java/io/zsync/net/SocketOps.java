package io.zsync.net;

import io.zsync.internal.IoCore;
import io.zsync.internal.IoFailures;
import io.zsync.spi.Handle;
import io.zsync.spi.Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ops of one socket for one direction (reading, or writing), and the one way the socket types
 * run them. A socket reuses its op for every call, so that a read that finds bytes allocates
 * nothing; a second task calling at the same time (which the socket types' contracts rule out,
 * but which must not corrupt anything) gets an op of its own.
 */
final class SocketOps {

    private final IoCore core;
    private final Op reused = new Op();
    /** The one-buffer array of the reused op, so that a call with one buffer allocates none either. */
    private final ByteBuffer[] single = new ByteBuffer[1];
    private final AtomicBoolean busy = new AtomicBoolean();

    SocketOps(IoCore core) {
        this.core = core;
    }

    /** An op of {@code kind} on {@code handle}, to give back with {@link #release}. */
    Op take(Op.Kind kind, Handle handle) {
        Op op = busy.compareAndSet(false, true) ? reused : new Op();
        return op.reset(kind, handle);
    }

    /** Like {@link #take(Op.Kind, Handle)}, with {@code buffer} as the op's only buffer. */
    Op take(Op.Kind kind, Handle handle, ByteBuffer buffer) {
        Op op = take(kind, handle);
        if (op == reused) {
            single[0] = buffer;
            return op.buffers(single);
        }
        return op.buffers(new ByteBuffer[] {buffer});
    }

    void release(Op op) {
        if (op == reused) {
            op.buffers(null);
            single[0] = null;
            busy.set(false);
        }
    }

    /**
     * Runs {@code op} ({@link IoCore#perform}): a cancellation point.
     *
     * @return {@code false} if {@code deadline} passed first; the op took no effect
     * @throws IOException the op's failure
     */
    boolean run(Op op, long deadline) throws IOException {
        if (!runAllowingFailure(op, deadline)) {
            return false;
        }
        IoFailures.throwIfFailed(op);
        return true;
    }

    /** Like {@link #run}, but leaves a failure in the op ({@link Op#error()}) for the caller to read. */
    boolean runAllowingFailure(Op op, long deadline) throws IOException {
        return core.perform(op, deadline) != Op.CANCELED;
    }

    /** The deadline {@code timeout} from now, or none for {@code null}. */
    long deadline(Duration timeout) {
        return timeout == null ? IoCore.NO_DEADLINE : core.deadline(timeout);
    }
}
