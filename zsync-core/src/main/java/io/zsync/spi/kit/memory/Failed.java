package io.zsync.spi.kit.memory;

import io.zsync.spi.IoError;
import io.zsync.spi.Op;

/**
 * Why an operation of the memory world failed, thrown inside the world and recorded in the op
 * ({@link #record}); no stack trace, since it never leaves the driver: the core builds the
 * exception users see from its code.
 */
final class Failed extends Exception {

    final IoError code;

    Failed(IoError code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** Records this failure as the outcome of {@code op}. */
    void record(Op op) {
        op.failed(code, getMessage(), null);
    }
}
