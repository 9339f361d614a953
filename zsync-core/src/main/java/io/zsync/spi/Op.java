package io.zsync.spi;

import java.nio.ByteBuffer;

/**
 * One I/O operation handed to an {@link IoDriver}: what to do (a {@link Kind} and its arguments),
 * and, once done, what came of it. The shape of an io_uring submission entry or of a case of
 * Zig's {@code Io.Operation} union: one class for every kind, so that a resource keeps one op per
 * direction and reuses it for every call, with no allocation on the path where the driver answers
 * at once.
 *
 * <h2>Life of an op</h2>
 * The core fills in the arguments ({@link #reset} and the setters), then calls
 * {@link IoDriver#start}. A driver that can answer at once records the outcome ({@link #done} or
 * {@link #failed}) and returns {@link #DONE}. Otherwise it returns {@link #PENDING} and calls
 * {@link #wake()} later, from any thread, when {@link IoDriver#poll} may make progress; the core
 * then calls {@code poll} on the strand that started the op. After {@link IoDriver#cancel}, the
 * driver wakes the op once the outcome is settled, and the next {@code poll} returns {@link #DONE}
 * (the operation took effect: its result is reported, never dropped) or {@link #CANCELED} (it
 * took no effect at all).
 *
 * <h2>Ownership and memory</h2>
 * From {@code start} until {@code poll} returns {@code DONE} or {@code CANCELED}, the op and its
 * buffers belong to the driver. A driver advances the buffers' positions by what it moved before
 * it records the outcome; it records the outcome before it calls {@code wake()}, which publishes
 * it: the core reads the outcome after the wake, with happens-before.
 *
 * <h2>Arguments by kind</h2>
 * Each {@link Kind} says which arguments it reads: the {@linkplain #handle() handle}, the
 * {@linkplain #buffers() buffers}, a {@linkplain #position() position}, a
 * {@linkplain #count() count}, a {@linkplain #subject() subject} (the path or address the
 * operation is about, also named in its errors), an {@linkplain #argument() argument} and a
 * {@linkplain #flag() flag}; and what it reports: a {@linkplain #result() count} and a
 * {@linkplain #value() value}.
 */
public final class Op {

    /** {@link IoDriver#start}/{@link IoDriver#poll}: the outcome is recorded. */
    public static final int DONE = 0;
    /** The driver will {@link #wake()} the op; poll again then. */
    public static final int PENDING = 1;
    /** {@link IoDriver#start} of a {@link #tryOnly()} op that would wait: nothing happened. */
    public static final int WOULD_BLOCK = 2;
    /** {@link IoDriver#poll} after {@link IoDriver#cancel}: the operation took no effect. */
    public static final int CANCELED = 3;

    /** Value of {@link #count()} for {@link Kind#STREAM_SHUTDOWN}: the input side. */
    public static final long SHUTDOWN_INPUT = 0;
    /** Value of {@link #count()} for {@link Kind#STREAM_SHUTDOWN}: the output side. */
    public static final long SHUTDOWN_OUTPUT = 1;

    /** What an op does, and which of its fields it reads and writes. */
    public enum Kind {
        /** Open a file. subject: {@code Path}; argument: {@code Set<OpenOption>}. value: the {@code FILE} handle. */
        FILE_OPEN,
        /** Read at position (0 or more). handle, buffers, position. result: bytes read, -1 at end of file. */
        FILE_READ,
        /** Write at position, or append when position is -1. handle, buffers, position. result: bytes written. */
        FILE_WRITE,
        /** Force the file's content to the device; flag: its metadata too. handle. */
        FILE_SYNC,
        /** Cut the file to count bytes. handle, count. */
        FILE_TRUNCATE,
        /** The file's size. handle. result: the size in bytes. */
        FILE_SIZE,
        /** Metadata of a path; flag: follow a symbolic link. subject: {@code Path}. value: {@code BasicFileAttributes}. */
        PATH_STAT,
        /** The entries of a directory. subject: {@code Path}. value: {@code List<Path>}, sorted by name. */
        DIR_LIST,
        /** Create a directory, whose parent exists. subject: {@code Path}. */
        DIR_CREATE,
        /** Rename atomically, replacing the target where the system allows. subject: {@code Path} from; argument: {@code Path} to. */
        PATH_RENAME,
        /** Delete a file, empty directory or link; flag: only if it exists. subject: {@code Path}. result: 1 deleted, 0 absent. */
        PATH_DELETE,
        /**
         * Create a new temporary file, or directory when flag, in the driver's temporary root.
         * argument: {@code String[] {prefix, suffix}}, either may be {@code null}. value: its {@code Path}.
         */
        TEMP_CREATE,
        /** Connect a stream socket. subject: a resolved {@code SocketAddress}. value: the {@code STREAM} handle. */
        STREAM_CONNECT,
        /** Bind and listen. subject: {@code SocketAddress}; count: backlog. value: the {@code LISTENER} handle. */
        STREAM_LISTEN,
        /** Take one pending connection. handle: a {@code LISTENER}. value: the {@code STREAM} handle. */
        STREAM_ACCEPT,
        /** Read some bytes, at least one unless no buffer has room. handle, buffers. result: bytes read, -1 at end of stream. */
        STREAM_READ,
        /** Write some bytes, at least one unless no buffer has any. handle, buffers. result: bytes written. */
        STREAM_WRITE,
        /** Shut one side down. handle; count: {@link #SHUTDOWN_INPUT} or {@link #SHUTDOWN_OUTPUT}. */
        STREAM_SHUTDOWN,
        /** Open and bind a datagram socket. subject: an {@code InetSocketAddress}. value: the {@code DATAGRAM} handle. */
        DATAGRAM_OPEN,
        /**
         * Send {@code buffers[0]} as one datagram, whole or not at all. handle, buffers; subject: the
         * target {@code SocketAddress}, or {@code null} for the connected peer. result: bytes sent.
         */
        DATAGRAM_SEND,
        /**
         * Receive one datagram into {@code buffers[0]} (what does not fit is dropped). handle, buffers;
         * flag: from the connected peer only. result: bytes copied. value: the sender's {@code SocketAddress}.
         */
        DATAGRAM_RECEIVE,
        /** Connect a datagram socket to one peer. handle; subject: the peer's {@code SocketAddress}. */
        DATAGRAM_CONNECT,
        /**
         * Join a multicast group. handle; subject: the group's {@code InetAddress}; argument: the
         * {@code NetworkInterface}. value: a token that {@link #MEMBERSHIP_LEAVE} takes.
         */
        MEMBERSHIP_JOIN,
        /** Leave a multicast group. handle; argument: the token {@link #MEMBERSHIP_JOIN} gave. */
        MEMBERSHIP_LEAVE,
        /** Resolve a host name. subject: the name ({@code String}). value: {@code List<InetAddress>}. */
        LOOKUP,
        /**
         * Move file bytes to a stream socket without copying them through the heap. handle: the
         * {@code FILE}; argument: the {@code STREAM} handle; position, count. result: bytes moved, 0
         * at or past the end of the file; fails with {@link IoError#UNSUPPORTED} where the driver
         * cannot, and the core then reads and writes.
         */
        TRANSFER
    }

    /** How a driver tells the core that an op may make progress: the core's, one per op. */
    @FunctionalInterface
    public interface Waker {
        /** Called by {@link Op#wake()}; quick and non-blocking, from any thread. */
        void woken(Op op);
    }

    private Kind kind;
    private Handle handle;
    private ByteBuffer[] buffers;
    private long position;
    private long count;
    private Object subject;
    private Object argument;
    private boolean flag;
    private boolean tryOnly;
    private Waker waker;

    private long result;
    private Object value;
    private IoError error;
    private String detail;
    private Throwable cause;

    private Object driverState;

    /** An op that does nothing yet: {@link #reset} gives it a kind. */
    public Op() {}

    /**
     * Makes this op a new {@code kind} operation on {@code handle} ({@code null} for kinds without
     * one): clears every argument and outcome, keeps the {@linkplain #waker(Waker) waker}.
     */
    public Op reset(Kind kind, Handle handle) {
        this.kind = kind;
        this.handle = handle;
        buffers = null;
        position = 0;
        count = 0;
        subject = null;
        argument = null;
        flag = false;
        tryOnly = false;
        result = 0;
        value = null;
        error = null;
        detail = null;
        cause = null;
        driverState = null;
        return this;
    }

    // ---- arguments: the core sets, drivers read ------------------------------------------------

    public Kind kind() {
        return kind;
    }

    public Handle handle() {
        return handle;
    }

    public ByteBuffer[] buffers() {
        return buffers;
    }

    public Op buffers(ByteBuffer[] buffers) {
        this.buffers = buffers;
        return this;
    }

    public long position() {
        return position;
    }

    public Op position(long position) {
        this.position = position;
        return this;
    }

    public long count() {
        return count;
    }

    public Op count(long count) {
        this.count = count;
        return this;
    }

    public Object subject() {
        return subject;
    }

    public Op subject(Object subject) {
        this.subject = subject;
        return this;
    }

    public Object argument() {
        return argument;
    }

    public Op argument(Object argument) {
        this.argument = argument;
        return this;
    }

    public boolean flag() {
        return flag;
    }

    public Op flag(boolean flag) {
        this.flag = flag;
        return this;
    }

    /**
     * Whether the core asks only for what can be done without waiting: a driver may then answer
     * {@link #WOULD_BLOCK}, having done nothing, instead of {@link #PENDING}. A hint: a driver
     * that ignores it is correct.
     */
    public boolean tryOnly() {
        return tryOnly;
    }

    public Op tryOnly(boolean tryOnly) {
        this.tryOnly = tryOnly;
        return this;
    }

    /** Sets who {@link #wake()} tells: the core does, before {@link IoDriver#start}. */
    public Op waker(Waker waker) {
        this.waker = waker;
        return this;
    }

    /** Who {@link #wake()} tells, or {@code null} before the core set it. */
    public Waker waker() {
        return waker;
    }

    /** Tells the core that {@link IoDriver#poll} may make progress. From any thread, any number of times. */
    public void wake() {
        waker.woken(this);
    }

    // ---- outcome: drivers record, the core reads after DONE -------------------------------------

    /** Records success with a count ({@link #result()}). */
    public void done(long result) {
        this.result = result;
        this.error = null;
    }

    /** Records success with a value ({@link #value()}) and a count. */
    public void done(Object value, long result) {
        this.value = value;
        done(result);
    }

    /**
     * Records failure: {@code error} says why, {@code detail} adds what the system said (may be
     * {@code null}), {@code cause} is the driver's own exception, if any.
     */
    public void failed(IoError error, String detail, Throwable cause) {
        if (error == null) {
            throw new NullPointerException("error is null; say why the operation failed, or IoError.OTHER");
        }
        this.error = error;
        this.detail = detail;
        this.cause = cause;
    }

    /** The count of a {@link #DONE} op. */
    public long result() {
        return result;
    }

    /** The value of a {@link #DONE} op (a handle, an address, a list), or {@code null}. */
    public Object value() {
        return value;
    }

    /** Why a {@link #DONE} op failed, or {@code null} if it succeeded. */
    public IoError error() {
        return error;
    }

    /** What the system said about the failure, or {@code null}. */
    public String detail() {
        return detail;
    }

    /** The driver's exception behind the failure, or {@code null}. */
    public Throwable cause() {
        return cause;
    }

    // ---- driver scratch ---------------------------------------------------------------------------

    /** What the driver keeps with the op while it is in flight (a watch, a queue entry); {@code null} after {@link #reset}. */
    public Object driverState() {
        return driverState;
    }

    public void driverState(Object state) {
        this.driverState = state;
    }

    @Override
    public String toString() {
        return "Op[" + kind + (subject != null ? " " + subject : "") + (error != null ? " failed: " + error : "") + "]";
    }
}
