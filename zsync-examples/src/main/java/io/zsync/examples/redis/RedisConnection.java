package io.zsync.examples.redis;

import io.zsync.Future;
import io.zsync.Io;
import io.zsync.Task;
import io.zsync.io.Reader;
import io.zsync.io.Writer;
import io.zsync.net.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One connection to a Redis server, for one task at a time: the typed commands of
 * {@link RedisCommands} and {@link #pipeline() pipelines}, each sent and its reply read before the
 * call returns. A {@link RedisClient} lends these out of its pool; open one yourself where a
 * command must run on the connection of the one before it ({@code WATCH}, {@code MULTI}, {@code SELECT}).
 *
 * <h2>Broken connections</h2>
 * A command that does not end cleanly, its reply read whole, leaves the connection in the middle
 * of an exchange: canceled or timed out after it started, an I/O failure, a bad frame, the
 * server closing. The next reply read would then be taken for the wrong command, so the
 * connection is closed at once (reset, as nothing buffered matters any more), and every later
 * command throws {@link IllegalStateException}. {@link #isOpen()} tells. An error reply is a clean
 * end: it throws {@link RedisServerException}, and the connection stays open.
 *
 * <h2>Blocking and cancellation</h2>
 * Commands block the calling task until their reply came, and are cancellation points (see above
 * for what a cancellation costs). With {@link RedisConfig#withCommandTimeout} each is bounded by
 * {@link Io#withTimeout}; any call can also be bounded by the caller's own {@code withTimeout}.
 *
 * <p>Not thread-safe, but for {@link #close()}, which any task may call: it fails a command in
 * flight on another task.
 */
public final class RedisConnection extends RedisCommands implements AutoCloseable {

    /** How long closing waits for the server to take what is buffered: nothing is, between commands. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    /**
     * Commands after which replies stop pairing with commands: the server then sends messages on
     * its own. A {@link RedisSubscriber} speaks pub/sub; {@code MONITOR} has no place here.
     */
    private static final Set<String> UNPAIRED = Set.of("SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR");

    private final Io io;
    private final RedisConfig config;
    private final Connection socket;
    private final Reader in;
    private final Writer out;
    private final RespParser parser;
    private volatile boolean closed;
    /** Whether it was closed for a command that did not end cleanly, not by {@link #close()}. */
    private volatile boolean broken;

    private RedisConnection(Io io, RedisConfig config, Connection socket) {
        this.io = io;
        this.config = config;
        this.socket = socket;
        this.in = socket.reader();
        this.out = socket.writer();
        this.parser = new RespParser(in, config.limits());
    }

    /**
     * Connects to the server {@code config} names and makes the handshake it asks for
     * ({@code HELLO 3}, credentials, {@code SELECT}), all within its connect timeout. A
     * cancellation point; canceled or failed, it leaves nothing open.
     *
     * @throws SocketTimeoutException if that took longer than the connect timeout
     * @throws RedisServerException if the server refused the handshake: RESP3 unknown to it
     *         (before Redis 6), bad credentials, no such database
     * @throws java.net.ConnectException if nothing listens there
     */
    public static RedisConnection open(Io io, RedisConfig config) throws IOException {
        Objects.requireNonNull(io, "io is null; pass the Io whose tasks will use the connection");
        Objects.requireNonNull(config, "config is null; pass RedisConfig.of(host, port)");
        try {
            return io.withTimeout(config.connectTimeout(), () -> connect(io, config));
        } catch (TimeoutException e) {
            SocketTimeoutException timedOut = new SocketTimeoutException("connecting to the Redis server at " + config.address()
                    + " took longer than the connect timeout of " + config.connectTimeout()
                    + " (handshake included); check that it runs and answers, or raise RedisConfig.withConnectTimeout");
            timedOut.initCause(e);
            throw timedOut;
        }
    }

    private static RedisConnection connect(Io io, RedisConfig config) throws IOException {
        RedisConnection connection = new RedisConnection(io, config, io.net().connect(config.address()));
        boolean ready = false;
        try {
            connection.socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection.handshake();
            ready = true;
            return connection;
        } finally {
            if (!ready) {
                connection.breakOff();
            }
        }
    }

    private void handshake() throws IOException {
        if (config.protocol() == 3) {
            call(config.hasCredentials()
                    ? RespEncoder.command("HELLO", "3", "AUTH", config.user(), config.password())
                    : RespEncoder.command("HELLO", "3"));
        } else if (config.hasCredentials()) {
            call(RespEncoder.command("AUTH", config.user(), config.password()));
        }
        if (config.database() != 0) {
            call(RespEncoder.command("SELECT", Integer.toString(config.database())));
        }
    }

    /** A round trip of the handshake, which the connect timeout bounds; an error reply fails it. */
    private void call(byte[][] command) throws IOException {
        if (roundTrip(command) instanceof Reply.ErrorReply error) {
            throw new RedisServerException(error, RespEncoder.name(command));
        }
    }

    /** The Io whose tasks use it. */
    Io io() {
        return io;
    }

    /** 2 or 3: the protocol this connection speaks. */
    public int protocol() {
        return config.protocol();
    }

    /** Whether it is open: not closed, and no command failed to end cleanly on it. */
    public boolean isOpen() {
        return !closed;
    }

    @Override
    Reply execute(byte[][] command) throws IOException {
        requirePaired(command);
        Reply reply = exchange(command, () -> roundTrip(command));
        if (reply instanceof Reply.ErrorReply error) {
            throw new RedisServerException(error, RespEncoder.name(command));
        }
        return reply;
    }

    @Override
    List<Reply> executeAll(List<byte[][]> commands) throws IOException {
        for (byte[][] command : commands) {
            requirePaired(command);
        }
        return exchange(commands.getFirst(), () -> pipelined(commands));
    }

    /** @throws IllegalArgumentException if {@code command} would make replies stop pairing with commands */
    static void requirePaired(byte[][] command) {
        String name = RespEncoder.name(command);
        if (UNPAIRED.contains(name)) {
            throw new IllegalArgumentException(name + " makes the server send messages that answer no command;"
                    + " use RedisClient.subscriber() for pub/sub");
        }
    }

    private Reply roundTrip(byte[][] command) throws IOException {
        RespEncoder.write(out, command);
        out.flush();
        return readReply();
    }

    /**
     * Sends every command and reads every reply. A task of its own sends while this one reads,
     * so that neither side's socket buffer fills with the other waiting; without concurrency the
     * sending runs first, to its end, which is fine for as many replies as the socket buffers hold.
     */
    private List<Reply> pipelined(List<byte[][]> commands) throws IOException {
        try (Future<Void, IOException> sending = io.async(() -> send(commands))) {
            List<Reply> replies = new ArrayList<>(commands.size());
            for (int i = 0; i < commands.size(); i++) {
                replies.add(readReply());
            }
            sending.await();
            return replies;
        }   // if a read failed: cancels the sending, and waits for it
    }

    private void send(List<byte[][]> commands) throws IOException {
        for (byte[][] command : commands) {
            RespEncoder.write(out, command);
        }
        out.flush();
    }

    /** The next reply to a command; RESP3 pushes (invalidations of client tracking, say) are not replies, and are dropped. */
    private Reply readReply() throws IOException {
        while (true) {
            Reply reply = parser.read();
            if (!(reply instanceof Reply.PushReply)) {
                return reply;
            }
        }
    }

    /**
     * Runs {@code work}, one exchange, within the command timeout: if it does not end cleanly,
     * the connection is broken off.
     */
    private <T> T exchange(byte[][] command, Task<T, IOException> work) throws IOException {
        requireOpen();
        Duration timeout = config.commandTimeout();
        boolean clean = false;
        try {
            T result = timeout.isZero() ? work.run() : io.withTimeout(timeout, work);
            clean = true;
            return result;
        } catch (TimeoutException e) {
            SocketTimeoutException timedOut = new SocketTimeoutException(RespEncoder.name(command) + " took longer than the command"
                    + " timeout of " + timeout + "; its connection was closed (its reply could come later, for another"
                    + " command); raise RedisConfig.withCommandTimeout for slow commands");
            timedOut.initCause(e);
            throw timedOut;
        } finally {
            if (!clean) {
                breakOff();
            }
        }
    }

    // ---- for RedisSubscriber: the same exchanges, one direction at a time ----------------------

    /** Sends {@code command} without reading anything. */
    void sendOnly(byte[][] command) throws IOException {
        exchange(command, () -> {
            RespEncoder.write(out, command);
            out.flush();
            return null;
        });
    }

    /** The next frame, a push included, read whole; not bounded by the command timeout. */
    Reply readFrame() throws IOException {
        requireOpen();
        boolean clean = false;
        try {
            Reply frame = parser.read();
            clean = true;
            return frame;
        } finally {
            if (!clean) {
                breakOff();
            }
        }
    }

    /**
     * Waits up to {@code timeout} for a byte to read, consuming nothing: whether one came. A
     * timeout or a cancellation leaves the connection as it was; the server closing breaks it.
     */
    boolean awaitInput(Duration timeout) throws IOException {
        requireOpen();
        try {
            return io.withTimeoutOrEmpty(timeout, () -> {
                in.fill(1);
                return Boolean.TRUE;
            }).isPresent();
        } catch (EOFException e) {
            breakOff();
            throw new EOFException("the server closed the connection");
        } catch (IOException e) {
            breakOff();
            throw e;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(broken
                    ? "the connection was closed after a command that did not end cleanly (canceled, timed out, or failed"
                            + " in the middle of its exchange); open a new one, or use a RedisClient, which does"
                    : "the connection is closed; open a new one");
        }
    }

    /**
     * Closes the connection after a command that did not end cleanly, or under a command in
     * flight on another task: a reset, at once, touching neither the reader nor the writer.
     */
    void breakOff() {
        broken = true;
        closed = true;
        try {
            socket.abort();
        } catch (IOException e) {
            // The connection is dropped either way; a reset that failed leaves nothing to undo.
        }
    }

    /**
     * Closes the connection; a command in flight on another task fails. Never waits long: between
     * commands nothing is left to send. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close(CLOSE_TIMEOUT);
        } catch (IOException e) {
            // Closed all the same (reset if the flush failed): nothing to tell the caller.
        }
    }

    @Override
    public String toString() {
        return "RedisConnection[" + config.address() + ", RESP" + config.protocol() + (closed ? ", closed" : "") + "]";
    }
}
