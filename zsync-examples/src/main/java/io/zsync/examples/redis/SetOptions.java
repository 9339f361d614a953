package io.zsync.examples.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code SET}: an expiry ({@code PX}, or {@code KEEPTTL}) and a condition
 * ({@code NX}, {@code XX}). Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * redis.set("session:42", token, SetOptions.none().expireAfter(Duration.ofMinutes(30)).ifAbsent());
 * }</pre>
 */
public final class SetOptions {

    private static final SetOptions NONE = new SetOptions(null, false, null);

    /** When the key is set: {@code null} always, else {@code "NX"} or {@code "XX"}. */
    private final String condition;
    /** The expiry in milliseconds, or {@code null} for none. */
    private final Long expireMillis;
    private final boolean keepTtl;

    private SetOptions(Long expireMillis, boolean keepTtl, String condition) {
        this.expireMillis = expireMillis;
        this.keepTtl = keepTtl;
        this.condition = condition;
    }

    /** No option: set the value, whether the key exists or not, and drop any expiry it had. */
    public static SetOptions none() {
        return NONE;
    }

    /**
     * Makes the key expire after {@code ttl} ({@code PX}), rounded up to a millisecond.
     *
     * @throws IllegalArgumentException if {@code ttl} is zero or negative: to delete a key, call {@code del}
     */
    public SetOptions expireAfter(Duration ttl) {
        return new SetOptions(RedisCommands.millis(ttl), false, condition);
    }

    /** Keeps the expiry the key had ({@code KEEPTTL}, Redis 6 and later). */
    public SetOptions keepTtl() {
        return new SetOptions(null, true, condition);
    }

    /** Sets the key only if it does not exist ({@code NX}). */
    public SetOptions ifAbsent() {
        return new SetOptions(expireMillis, keepTtl, "NX");
    }

    /** Sets the key only if it exists ({@code XX}). */
    public SetOptions ifPresent() {
        return new SetOptions(expireMillis, keepTtl, "XX");
    }

    /** {@code SET key value} and these options. */
    byte[][] command(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key is null; pass the key");
        Objects.requireNonNull(value, "value is null; pass the value (Redis has no null value: call del to remove a key)");
        List<byte[]> args = new ArrayList<>(List.of("SET".getBytes(StandardCharsets.US_ASCII), key, value));
        if (expireMillis != null) {
            args.add("PX".getBytes(StandardCharsets.US_ASCII));
            args.add(Long.toString(expireMillis).getBytes(StandardCharsets.US_ASCII));
        }
        if (keepTtl) {
            args.add("KEEPTTL".getBytes(StandardCharsets.US_ASCII));
        }
        if (condition != null) {
            args.add(condition.getBytes(StandardCharsets.US_ASCII));
        }
        return args.toArray(byte[][]::new);
    }

    @Override
    public String toString() {
        return "SetOptions[" + (expireMillis == null ? "" : "PX " + expireMillis + " ") + (keepTtl ? "KEEPTTL " : "")
                + (condition == null ? "" : condition) + "]";
    }
}
