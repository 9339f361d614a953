package io.zsync.examples.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message published on a channel, as a {@link RedisSubscriber} receives it.
 *
 * @param channel the channel it was published on
 * @param pattern the pattern of {@link RedisSubscriber#psubscribe} it matched, or {@code null}
 *                if it came through {@link RedisSubscriber#subscribe}
 * @param payload what was published, as its bytes
 */
public record RedisMessage(String channel, String pattern, byte[] payload) {

    public RedisMessage {
        Objects.requireNonNull(channel, "channel is null");
        Objects.requireNonNull(payload, "payload is null");
    }

    /** The payload as UTF-8 text. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisMessage other && channel.equals(other.channel) && Objects.equals(pattern, other.pattern)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, pattern) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RedisMessage[" + channel + (pattern == null ? "" : " (" + pattern + ")") + ": " + text() + "]";
    }
}
