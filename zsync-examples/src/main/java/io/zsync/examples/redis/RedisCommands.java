package io.zsync.examples.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The commands of a {@link RedisClient} (each on a connection of its pool) and of a
 * {@link RedisConnection}: a modest typed set, and {@link #command(String...)} for every other.
 * Strings are sent and read as UTF-8; the {@code byte[]} forms are binary-safe.
 *
 * <p>Every method blocks the calling task until the reply came, and is a cancellation point.
 * Every one throws {@link IOException}: {@link RedisServerException} when the server answered
 * with an error ({@code WRONGTYPE} for a command on a key of another type, say), the others as
 * {@link RedisConnection} describes. A {@code null} argument throws {@link NullPointerException}
 * naming it; Redis has no null value.
 */
public abstract sealed class RedisCommands permits RedisClient, RedisConnection {

    RedisCommands() {}

    /** Sends {@code command} and reads its reply: an error reply is thrown as {@link RedisServerException}. */
    abstract Reply execute(byte[][] command) throws IOException;

    /** Sends every command, then reads every reply, in order: error replies are among them. */
    abstract List<Reply> executeAll(List<byte[][]> commands) throws IOException;

    // ---- any command -----------------------------------------------------------------------------

    /**
     * Sends {@code args} (a command and its arguments, such as {@code "OBJECT", "ENCODING", "k"})
     * and returns the reply, as it came.
     *
     * @throws RedisServerException if the server answered with an error
     * @throws IllegalArgumentException if {@code args} is empty, or names a command this client
     *         refuses here (pub/sub: use {@link RedisClient#subscriber()})
     */
    public final Reply command(String... args) throws IOException {
        return execute(RespEncoder.command(args));
    }

    /**
     * The binary-safe form of {@link #command(String...)}: every argument is sent as its bytes.
     * Do not change the arrays until this returns.
     */
    public final Reply command(byte[]... args) throws IOException {
        return execute(RespEncoder.command(args));
    }

    /** A new, empty pipeline: commands sent together, their replies read together. */
    public final RedisPipeline pipeline() {
        return new RedisPipeline(this);
    }

    // ---- the typed commands --------------------------------------------------------------------

    /** {@code PING}: {@code "PONG"} from a server that runs. */
    public final String ping() throws IOException {
        return execute(RespEncoder.command("PING")).asString();
    }

    /** {@code GET}: the key's value, or {@code null} if it has none. */
    public final String get(String key) throws IOException {
        return execute(RespEncoder.command("GET", requireKey(key))).asString();
    }

    /** The binary-safe form of {@link #get(String)}. */
    public final byte[] get(byte[] key) throws IOException {
        return execute(RespEncoder.command(bytes("GET"), requireKey(key))).asBytes();
    }

    /** {@code SET}: sets the key's value, dropping any expiry it had. */
    public final void set(String key, String value) throws IOException {
        set(key, value, SetOptions.none());
    }

    /**
     * {@code SET} with {@code options}.
     *
     * @return whether the key was set: {@code false} only when a condition of {@code options}
     *         ({@code ifAbsent}, {@code ifPresent}) did not hold
     */
    public final boolean set(String key, String value, SetOptions options) throws IOException {
        Objects.requireNonNull(value, "value is null; pass the value (Redis has no null value: call del to remove a key)");
        return set(bytes(requireKey(key)), bytes(value), options);
    }

    /** The binary-safe form of {@link #set(String, String, SetOptions)}. */
    public final boolean set(byte[] key, byte[] value, SetOptions options) throws IOException {
        Objects.requireNonNull(options, "options is null; pass SetOptions.none()");
        return !execute(options.command(key, value)).isNull();
    }

    /** {@code DEL}: deletes the keys; how many existed. */
    public final long del(String... keys) throws IOException {
        return execute(withName("DEL", requireKeys(keys))).asLong();
    }

    /** {@code EXISTS}: how many of the keys exist (a key named twice counts twice). */
    public final long exists(String... keys) throws IOException {
        return execute(withName("EXISTS", requireKeys(keys))).asLong();
    }

    /** {@code INCR}: adds 1 to the key's integer value (0 if it has none) and returns the sum. */
    public final long incr(String key) throws IOException {
        return execute(RespEncoder.command("INCR", requireKey(key))).asLong();
    }

    /** {@code INCRBY}: adds {@code delta} to the key's integer value (0 if it has none) and returns the sum. */
    public final long incrBy(String key, long delta) throws IOException {
        return execute(RespEncoder.command("INCRBY", requireKey(key), Long.toString(delta))).asLong();
    }

    /** {@code INCRBYFLOAT}: adds {@code delta} to the key's number (0 if it has none) and returns the sum. */
    public final double incrByFloat(String key, double delta) throws IOException {
        if (!Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta is " + delta + "; pass a finite number");
        }
        return execute(RespEncoder.command("INCRBYFLOAT", requireKey(key), Double.toString(delta))).asDouble();
    }

    /**
     * {@code PEXPIRE}: makes the key expire after {@code ttl}, rounded up to a millisecond.
     *
     * @return whether the key exists (and now expires)
     * @throws IllegalArgumentException if {@code ttl} is zero or negative: to delete a key, call {@link #del}
     */
    public final boolean expire(String key, Duration ttl) throws IOException {
        return execute(RespEncoder.command("PEXPIRE", requireKey(key), Long.toString(millis(ttl)))).asBoolean();
    }

    /**
     * {@code PTTL}: the key's time to live in milliseconds; -1 if it exists and has no expiry,
     * -2 if it does not exist.
     */
    public final long pttl(String key) throws IOException {
        return execute(RespEncoder.command("PTTL", requireKey(key))).asLong();
    }

    /** {@code HSET}: sets a field of the hash; whether the field is new. */
    public final boolean hset(String key, String field, String value) throws IOException {
        Objects.requireNonNull(field, "field is null; pass the hash field");
        Objects.requireNonNull(value, "value is null; pass the field's value (call hdel to remove a field)");
        return execute(RespEncoder.command("HSET", requireKey(key), field, value)).asLong() == 1;
    }

    /**
     * {@code HSET}: sets several fields of the hash; how many are new.
     *
     * @throws IllegalArgumentException if {@code fields} is empty
     */
    public final long hset(String key, Map<String, String> fields) throws IOException {
        Objects.requireNonNull(fields, "fields is null; pass the fields and their values");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("fields is empty; pass at least one field and its value");
        }
        List<String> args = new ArrayList<>(List.of("HSET", requireKey(key)));
        fields.forEach((field, value) -> {
            args.add(Objects.requireNonNull(field, "a field is null; pass hash fields"));
            args.add(Objects.requireNonNull(value, () -> "the value of field '" + field + "' is null; pass a value"));
        });
        return execute(RespEncoder.command(args.toArray(String[]::new))).asLong();
    }

    /** {@code HGET}: a field of the hash, or {@code null} if it has none. */
    public final String hget(String key, String field) throws IOException {
        Objects.requireNonNull(field, "field is null; pass the hash field");
        return execute(RespEncoder.command("HGET", requireKey(key), field)).asString();
    }

    /** {@code HGETALL}: every field of the hash and its value, in the server's order; empty if there is no such key. */
    public final Map<String, String> hgetAll(String key) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        execute(RespEncoder.command("HGETALL", requireKey(key))).asMap()
                .forEach((field, value) -> fields.put(field.asString(), value.asString()));
        return Collections.unmodifiableMap(fields);
    }

    /** {@code HDEL}: deletes fields of the hash; how many existed. */
    public final long hdel(String key, String... fields) throws IOException {
        return execute(keyed("HDEL", requireKey(key), requireSome(fields, "fields", "field"))).asLong();
    }

    /** {@code LPUSH}: puts the values at the head of the list, one after another; the list's length after. */
    public final long lpush(String key, String... values) throws IOException {
        return execute(keyed("LPUSH", requireKey(key), requireSome(values, "values", "value"))).asLong();
    }

    /** {@code RPUSH}: puts the values at the tail of the list, in order; the list's length after. */
    public final long rpush(String key, String... values) throws IOException {
        return execute(keyed("RPUSH", requireKey(key), requireSome(values, "values", "value"))).asLong();
    }

    /** {@code LPOP}: takes the list's head, or {@code null} if the list is empty or there is no such key. */
    public final String lpop(String key) throws IOException {
        return execute(RespEncoder.command("LPOP", requireKey(key))).asString();
    }

    /**
     * {@code LRANGE}: the elements from index {@code start} to {@code stop}, both included;
     * negative indexes count from the tail (-1 is the last element): {@code lrange(k, 0, -1)} is
     * the whole list.
     */
    public final List<String> lrange(String key, long start, long stop) throws IOException {
        return execute(RespEncoder.command("LRANGE", requireKey(key), Long.toString(start), Long.toString(stop))).asStringList();
    }

    /** {@code SADD}: adds members to the set; how many were new. */
    public final long sadd(String key, String... members) throws IOException {
        return execute(keyed("SADD", requireKey(key), requireSome(members, "members", "member"))).asLong();
    }

    /** {@code SMEMBERS}: the set's members, in no particular order; empty if there is no such key. */
    public final Set<String> smembers(String key) throws IOException {
        return Collections.unmodifiableSet(new LinkedHashSet<>(
                execute(RespEncoder.command("SMEMBERS", requireKey(key))).asStringList()));
    }

    /** {@code ZADD}: adds {@code member} to the sorted set with {@code score}, or moves it there; whether it was new. */
    public final boolean zadd(String key, double score, String member) throws IOException {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score is NaN; pass a number (infinities are fine)");
        }
        Objects.requireNonNull(member, "member is null; pass the member");
        return execute(RespEncoder.command("ZADD", requireKey(key), score(score), member)).asLong() == 1;
    }

    /** {@code ZSCORE}: the member's score, or {@code null} if it is not in the sorted set. */
    public final Double zscore(String key, String member) throws IOException {
        Objects.requireNonNull(member, "member is null; pass the member");
        Reply reply = execute(RespEncoder.command("ZSCORE", requireKey(key), member));
        return reply.isNull() ? null : reply.asDouble();
    }

    /** {@code PUBLISH}: sends {@code message} on {@code channel}; how many subscribers got it. */
    public final long publish(String channel, String message) throws IOException {
        Objects.requireNonNull(channel, "channel is null; pass the channel");
        Objects.requireNonNull(message, "message is null; pass the message");
        return execute(RespEncoder.command("PUBLISH", channel, message)).asLong();
    }

    // ---- argument checks -------------------------------------------------------------------------

    /** {@code ttl} in whole milliseconds, rounded up, for {@code PEXPIRE} and {@code SET PX}. */
    static long millis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl is null; pass how long the key lives");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl is " + ttl + "; pass a positive Duration (to delete a key, call del)");
        }
        Duration whole = ttl.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return whole.equals(ttl) ? whole.toMillis() : whole.toMillis() + 1;
    }

    private static String score(double score) {
        return score == Double.POSITIVE_INFINITY ? "+inf" : score == Double.NEGATIVE_INFINITY ? "-inf" : Double.toString(score);
    }

    private static String requireKey(String key) {
        return Objects.requireNonNull(key, "key is null; pass the key");
    }

    private static byte[] requireKey(byte[] key) {
        return Objects.requireNonNull(key, "key is null; pass the key");
    }

    private static String[] requireKeys(String[] keys) {
        return requireSome(keys, "keys", "key");
    }

    private static String[] requireSome(String[] args, String plural, String singular) {
        Objects.requireNonNull(args, () -> plural + " is null; pass at least one " + singular);
        if (args.length == 0) {
            throw new IllegalArgumentException("no " + singular + "; pass at least one");
        }
        for (String arg : args) {
            Objects.requireNonNull(arg, () -> "a " + singular + " is null; pass " + plural + " without null");
        }
        return args;
    }

    /** {@code name}, then {@code args}. */
    private static byte[][] withName(String name, String[] args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(name);
        command.addAll(List.of(args));
        return RespEncoder.command(command.toArray(String[]::new));
    }

    /** {@code name}, then {@code key}, then {@code args}. */
    private static byte[][] keyed(String name, String key, String[] args) {
        List<String> command = new ArrayList<>(args.length + 2);
        command.add(name);
        command.add(key);
        command.addAll(List.of(args));
        return RespEncoder.command(command.toArray(String[]::new));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
