package io.zsync.internal;

import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The exceptions the public API throws for a failed {@link Op}, built from the driver's
 * {@link IoError} code and the op's subject, so that a failure reads the same on every driver:
 * a missing file is a {@link NoSuchFileException} naming the path, a refused connection a
 * {@link ConnectException} naming the address, and each says what to do where there is something
 * to do.
 */
public final class IoFailures {

    private IoFailures() {}

    /**
     * Throws the failure of {@code op}, if it failed; returns otherwise.
     *
     * @throws IOException the failure, built by {@link #of}
     */
    public static void throwIfFailed(Op op) throws IOException {
        if (op.error() != null) {
            throw of(op);
        }
    }

    /** The exception for the failed {@code op}, its driver's cause attached. */
    public static IOException of(Op op) {
        IoError error = op.error();
        String subject = String.valueOf(op.subject());
        String detail = op.detail();
        IOException failure = switch (error) {
            case CLOSED -> new ClosedChannelException();
            case NOT_FOUND -> new NoSuchFileException(subject, other(op), detail);
            case EXISTS -> new FileAlreadyExistsException(subject, other(op), detail);
            case NOT_DIRECTORY -> new NotDirectoryException(subject);
            case NOT_EMPTY -> new DirectoryNotEmptyException(subject);
            case DENIED -> isBind(op) ? bindFailure(op, error) : new AccessDeniedException(subject, other(op), detail);
            case REFUSED -> new ConnectException("cannot connect to " + subject + ": " + orElse(detail, "Connection refused")
                    + " (is a server listening there?)");
            case UNREACHABLE -> new NoRouteToHostException("cannot reach " + subject + ": " + orElse(detail, "No route to host"));
            case RESET -> new SocketException(orElse(detail, "Connection reset") + " (the peer reset the connection)");
            case ADDRESS_IN_USE, ADDRESS_NOT_AVAILABLE -> bindFailure(op, error);
            case UNKNOWN_HOST -> new UnknownHostException("cannot resolve '" + subject + "': " + orElse(detail, "unknown host"));
            case UNSUPPORTED -> unsupported(op);
            case OTHER -> other(op, detail);
        };
        if (failure.getCause() == null && op.cause() != null && failure != op.cause()) {
            failure.initCause(op.cause());
        }
        return failure;
    }

    /** The second path of a two-path operation (a rename's target), or {@code null}. */
    private static String other(Op op) {
        return op.kind() == Op.Kind.PATH_RENAME ? String.valueOf(op.argument()) : null;
    }

    private static boolean isBind(Op op) {
        return op.kind() == Op.Kind.STREAM_LISTEN || op.kind() == Op.Kind.DATAGRAM_OPEN;
    }

    /** A failed bind: what was bound, why, and what to do about it. */
    private static IOException bindFailure(Op op, IoError error) {
        boolean unix = op.subject() instanceof UnixDomainSocketAddress;
        String what = op.kind() == Op.Kind.DATAGRAM_OPEN ? "cannot bind a UDP socket to " : "cannot listen on ";
        return new BindException(what + op.subject() + ": " + orElse(op.detail(), reason(error)) + bindAdvice(error, unix));
    }

    private static String reason(IoError error) {
        return switch (error) {
            case ADDRESS_IN_USE -> "Address already in use";
            case DENIED -> "Permission denied";
            default -> "Cannot assign requested address";
        };
    }

    /** What to do about a bind that failed for {@code error}, for a Unix-domain socket file or a TCP or UDP address. */
    static String bindAdvice(IoError error, boolean unix) {
        return switch (error) {
            case ADDRESS_IN_USE -> unix ? " (the socket file exists: delete it if no server uses it)"
                    : " (another socket is bound there; pick another port, or 0 for any free one)";
            case DENIED -> unix ? " (this process may not create a file in that directory)"
                    : " (ports below 1024 need privileges, such as CAP_NET_BIND_SERVICE on Linux;"
                            + " use a port of 1024 or more)";
            default -> " (that address is not one of this machine's; use one of its interfaces' addresses,"
                    + " or the wildcard address for all)";
        };
    }

    private static IOException unsupported(Op op) {
        if (op.kind() == Op.Kind.PATH_RENAME) {
            return new AtomicMoveNotSupportedException(String.valueOf(op.subject()), String.valueOf(op.argument()),
                    "cannot rename atomically (" + orElse(op.detail(), "not supported") + "); a rename stays within one"
                            + " file system: copy to a new file beside the target, then rename that over the target");
        }
        return new IOException(op.kind() + " is not supported by this I/O driver" + (op.detail() != null ? ": " + op.detail() : ""));
    }

    /** {@link IoError#OTHER}: the driver's own exception where it is one the caller can take as it is. */
    private static IOException other(Op op, String detail) {
        Throwable cause = op.cause();
        if (cause instanceof IOException e) {
            return e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IOException(op.kind() + " on " + op.subject() + " failed" + (detail != null ? ": " + detail : ""));
    }

    private static String orElse(String detail, String fallback) {
        return detail != null ? detail : fallback;
    }
}
