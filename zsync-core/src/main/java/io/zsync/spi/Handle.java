package io.zsync.spi;

/**
 * An I/O resource a driver made (a file, a stream socket, a listener, a datagram socket), as the
 * core holds it: a driver subclasses it with what it needs (a channel, a descriptor, a place in an
 * in-memory world), and the core never looks inside. Public types ({@code Connection},
 * {@code Listener}, {@code UdpSocket}, {@code File}) each wrap one handle.
 *
 * <p>A handle is closed only through {@link IoDriver#close(Handle)}, once, by the core.
 */
public abstract class Handle {

    /** What a handle is, which says which {@link Op.Kind}s accept it. */
    public enum Kind {
        /** An open file: {@code FILE_*} operations and {@link Op.Kind#TRANSFER}'s source. */
        FILE,
        /** A connected stream socket, TCP or Unix-domain: {@code STREAM_*} operations. */
        STREAM,
        /** A listening stream socket: {@link Op.Kind#STREAM_ACCEPT}. */
        LISTENER,
        /** A datagram socket: {@code DATAGRAM_*} and {@code MEMBERSHIP_*} operations. */
        DATAGRAM
    }

    private final Kind kind;

    /** For drivers. */
    protected Handle(Kind kind) {
        if (kind == null) {
            throw new NullPointerException("kind is null; say what the handle is");
        }
        this.kind = kind;
    }

    /** What this handle is. */
    public final Kind kind() {
        return kind;
    }
}
