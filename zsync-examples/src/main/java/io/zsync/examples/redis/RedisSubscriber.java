package io.zsync.examples.redis;

import io.zsync.Io;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pub/sub on a connection of its own ({@link RedisClient#subscriber()}): subscribe to channels
 * and patterns, then take the messages published on them, in the order the server sent them.
 * In RESP2 the server sends them as arrays, in RESP3 as push frames; both come out as
 * {@link RedisMessage}s.
 *
 * <pre>{@code
 * try (RedisSubscriber news = redis.subscriber()) {
 *     news.subscribe("news");
 *     RedisMessage first = news.next();                               // blocks until one comes
 *     Optional<RedisMessage> more = news.next(Duration.ofSeconds(1)); // empty if none came in time
 * }
 * }</pre>
 *
 * <p>{@link #subscribe} and the others return once the server confirmed them, so a message
 * published after that reaches this subscriber; messages that arrive meanwhile are kept for
 * {@link #next()}. Every method blocks the calling task and is a cancellation point; a
 * {@code next(Duration)} that times out, or is canceled while nothing has arrived, leaves the
 * subscriber as it was. Anything else that ends a call early (canceled in the middle of a frame,
 * the server closing) closes the connection, as for {@link RedisConnection}.
 *
 * <p>Not thread-safe: one task subscribes and takes the messages. Any task may {@link #close()} it.
 */
public final class RedisSubscriber implements AutoCloseable {

    private final RedisConnection connection;
    private final Io io;
    /** Messages that came while a subscription was being confirmed, or read ahead. */
    private final ArrayDeque<RedisMessage> received = new ArrayDeque<>();
    private final Set<String> channels = new LinkedHashSet<>();
    private final Set<String> patterns = new LinkedHashSet<>();

    RedisSubscriber(RedisConnection connection) {
        this.connection = connection;
        this.io = connection.io();
    }

    /**
     * {@code SUBSCRIBE}: receive the messages published on {@code channels} from now on.
     *
     * @throws IllegalArgumentException if {@code channels} is empty
     */
    public void subscribe(String... channels) throws IOException {
        change("SUBSCRIBE", requireSome(channels, "channel"), channels.length);
    }

    /**
     * {@code PSUBSCRIBE}: receive the messages published on channels that match {@code patterns}
     * ({@code news.*}), each with the pattern it matched.
     *
     * @throws IllegalArgumentException if {@code patterns} is empty
     */
    public void psubscribe(String... patterns) throws IOException {
        change("PSUBSCRIBE", requireSome(patterns, "pattern"), patterns.length);
    }

    /** {@code UNSUBSCRIBE}: stop receiving from {@code channels}; from every channel if there is none. */
    public void unsubscribe(String... channels) throws IOException {
        Objects.requireNonNull(channels, "channels is null; pass the channels to leave, or none to leave them all");
        change("UNSUBSCRIBE", channels, channels.length > 0 ? channels.length : Math.max(1, this.channels.size()));
    }

    /** {@code PUNSUBSCRIBE}: stop receiving through {@code patterns}; through every pattern if there is none. */
    public void punsubscribe(String... patterns) throws IOException {
        Objects.requireNonNull(patterns, "patterns is null; pass the patterns to leave, or none to leave them all");
        change("PUNSUBSCRIBE", patterns, patterns.length > 0 ? patterns.length : Math.max(1, this.patterns.size()));
    }

    /** The channels subscribed to now, as the server confirmed them. */
    public Set<String> channels() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(channels));
    }

    /** The patterns subscribed to now, as the server confirmed them. */
    public Set<String> patterns() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(patterns));
    }

    /** The next message, waiting for as long as it takes. */
    public RedisMessage next() throws IOException {
        while (received.isEmpty()) {
            take(connection.readFrame(), null);
        }
        return received.pollFirst();
    }

    /**
     * The next message, waiting up to {@code timeout}; empty if none came by then (the subscriber
     * is as it was: call again).
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Optional<RedisMessage> next(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout is null; pass how long to wait, or call next() to wait as long as it takes");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout is " + timeout + "; pass zero (do not wait) or a positive Duration");
        }
        long deadline = io.nanoTime() + timeout.toNanos();
        while (received.isEmpty()) {
            if (!connection.awaitInput(Duration.ofNanos(deadline - io.nanoTime()))) {
                return Optional.empty();
            }
            take(connection.readFrame(), null);     // a frame has begun: read it whole
        }
        return Optional.of(received.pollFirst());
    }

    /** Sends {@code command} with {@code names}, then reads frames until {@code confirmations} of it came. */
    private void change(String command, String[] names, int confirmations) throws IOException {
        String[] args = new String[names.length + 1];
        args[0] = command;
        System.arraycopy(names, 0, args, 1, names.length);
        connection.sendOnly(RespEncoder.command(args));
        String confirmation = command.toLowerCase(Locale.ROOT);
        for (int confirmed = 0; confirmed < confirmations; ) {
            if (take(connection.readFrame(), confirmation)) {
                confirmed++;
            }
        }
    }

    /**
     * Takes in one frame: a message is kept, a confirmation updates the subscriptions.
     *
     * @return whether it confirms {@code awaited} ({@code "subscribe"}, ...)
     */
    private boolean take(Reply frame, String awaited) throws IOException {
        List<Reply> parts = switch (frame) {
            case Reply.PushReply push -> push.elements();
            case Reply.ArrayReply array -> array.elements();
            case Reply.ErrorReply error -> throw new RedisServerException(error, awaited == null ? "pub/sub" : awaited.toUpperCase(Locale.ROOT));
            default -> throw unexpected(frame);
        };
        String kind = parts.isEmpty() ? "" : textOrNull(parts.getFirst(), frame);
        switch (kind == null ? "" : kind.toLowerCase(Locale.ROOT)) {
            case "message" -> {
                requireParts(parts, 3, frame);
                received.addLast(new RedisMessage(text(parts.get(1), frame), null, bytes(parts.get(2), frame)));
                return false;
            }
            case "pmessage" -> {
                requireParts(parts, 4, frame);
                received.addLast(new RedisMessage(text(parts.get(2), frame), text(parts.get(1), frame), bytes(parts.get(3), frame)));
                return false;
            }
            case "subscribe", "unsubscribe", "psubscribe", "punsubscribe" -> {
                requireParts(parts, 3, frame);
                String name = textOrNull(parts.get(1), frame);    // null: an unsubscribe from nothing
                Set<String> names = kind.startsWith("p") ? patterns : channels;
                if (name != null && kind.endsWith("unsubscribe")) {
                    names.remove(name);
                } else if (name != null) {
                    names.add(name);
                }
                return kind.equalsIgnoreCase(awaited);
            }
            default -> throw unexpected(frame);
        }
    }

    private void requireParts(List<Reply> parts, int count, Reply frame) throws RedisProtocolException {
        if (parts.size() != count) {
            throw unexpected(frame);
        }
    }

    private String text(Reply part, Reply frame) throws RedisProtocolException {
        String text = textOrNull(part, frame);
        if (text == null) {
            throw unexpected(frame);
        }
        return text;
    }

    private String textOrNull(Reply part, Reply frame) throws RedisProtocolException {
        return switch (part) {
            case Reply.BulkString b -> b.asString();
            case Reply.SimpleString s -> s.value();
            case Reply.NullReply n -> null;
            default -> throw unexpected(frame);
        };
    }

    private byte[] bytes(Reply part, Reply frame) throws RedisProtocolException {
        if (part instanceof Reply.BulkString(byte[] value)) {
            return value;
        }
        throw unexpected(frame);
    }

    /** A frame that is no pub/sub frame: the exchange is lost, and the connection closed. */
    private RedisProtocolException unexpected(Reply frame) {
        connection.breakOff();
        String shown = frame.toString();
        return new RedisProtocolException("expected a pub/sub message or confirmation from the server, got "
                + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown) + "; the subscriber is closed");
    }

    private static String[] requireSome(String[] names, String what) {
        Objects.requireNonNull(names, () -> what + "s is null; pass at least one " + what);
        if (names.length == 0) {
            throw new IllegalArgumentException("no " + what + "; pass at least one");
        }
        for (String name : names) {
            Objects.requireNonNull(name, () -> "a " + what + " is null; pass " + what + "s without null");
        }
        return names;
    }

    /** Whether it is open: not closed, and no call failed in the middle of a frame. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Closes its connection, which ends every subscription. Idempotent. */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "RedisSubscriber[channels " + channels + ", patterns " + patterns + (isOpen() ? "" : ", closed") + "]";
    }
}
