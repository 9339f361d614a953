package io.zsync.weaver.harness;

/** What {@link Leaf#fail} throws. */
public final class LeafFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LeafFailure(String message) {
        super(message);
    }
}
