package io.zsync.spi.kit.nio;

import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** The {@link IoError} code of an exception a JDK channel or file call threw. */
final class NioErrors {

    private NioErrors() {}

    /** Records {@code failure} as the outcome of {@code op}, under its code. */
    static void fail(Op op, Throwable failure) {
        String detail = failure instanceof FileSystemException fse ? fse.getReason() : failure.getMessage();
        op.failed(codeOf(failure), detail, failure);
    }

    static IoError codeOf(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        return switch (failure) {
            case ClosedChannelException e -> IoError.CLOSED;
            case NoSuchFileException e -> IoError.NOT_FOUND;
            case FileAlreadyExistsException e -> IoError.EXISTS;
            case DirectoryNotEmptyException e -> IoError.NOT_EMPTY;
            case NotDirectoryException e -> IoError.NOT_DIRECTORY;
            case AccessDeniedException e -> IoError.DENIED;
            case AtomicMoveNotSupportedException e -> IoError.UNSUPPORTED;
            case UnknownHostException e -> IoError.UNKNOWN_HOST;
            case ConnectException e -> IoError.REFUSED;
            case NoRouteToHostException e -> IoError.UNREACHABLE;
            case BindException e when message.contains("already in use") -> IoError.ADDRESS_IN_USE;
            case BindException e when message.contains("assign requested address") -> IoError.ADDRESS_NOT_AVAILABLE;
            case BindException e when message.contains("permission denied") || message.contains("access denied") -> IoError.DENIED;
            case SocketException e when message.contains("connection reset") -> IoError.RESET;
            default -> IoError.OTHER;
        };
    }
}
