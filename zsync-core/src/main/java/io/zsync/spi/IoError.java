package io.zsync.spi;

/**
 * Why an operation failed, as a driver reports it ({@link Op#failed}). The core turns the code
 * into the exception the public API names (a {@code NoSuchFileException} naming the path, a
 * {@code ConnectException} naming the address, ...), so that the same failure reads the same on
 * every driver.
 */
public enum IoError {
    /** The handle was closed, before the operation or while it was in flight. */
    CLOSED,
    /** No file or directory at the path. */
    NOT_FOUND,
    /** Something already exists at the path. */
    EXISTS,
    /** A path names something that is not a directory where one is needed. */
    NOT_DIRECTORY,
    /** A directory to delete or replace has entries. */
    NOT_EMPTY,
    /** The system refused access. */
    DENIED,
    /** Nobody accepts connections at the address. */
    REFUSED,
    /** The peer reset the connection. */
    RESET,
    /** The address cannot be reached. */
    UNREACHABLE,
    /** The address is taken by another socket. */
    ADDRESS_IN_USE,
    /** The address is not one of this machine's. */
    ADDRESS_NOT_AVAILABLE,
    /** The host name does not resolve. */
    UNKNOWN_HOST,
    /** The driver cannot do this operation (a rename across file systems, a transfer it lacks). */
    UNSUPPORTED,
    /** Anything else; the op's cause says what. */
    OTHER
}
