package io.zsync.bench;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A server the echo bench measures: its name, such as {@code "echo-go"}, and how to make a fresh
 * {@link EchoServer} for each round; or, when it cannot be measured (a peer that is not built),
 * why, which the bench reports instead of a result.
 *
 * @param name        the name in the report
 * @param servers     makes one server per round; {@code null} when unavailable
 * @param unavailable why it cannot be measured; {@code null} when available
 */
public record EchoContender(String name, Supplier<? extends EchoServer> servers, String unavailable) {

    /**
     * Checks the contender.
     *
     * @throws IllegalArgumentException unless exactly one of {@code servers} and {@code unavailable} is given
     */
    public EchoContender {
        Objects.requireNonNull(name, "name");
        if ((servers == null) == (unavailable == null)) {
            throw new IllegalArgumentException(name + ": give either how to make its servers or why it is unavailable");
        }
    }

    /** A contender measured on a fresh server from {@code servers} every round. */
    public static EchoContender of(String name, Supplier<? extends EchoServer> servers) {
        return new EchoContender(name, Objects.requireNonNull(servers, "servers"), null);
    }

    /** A contender that cannot be measured, and {@code why}. */
    public static EchoContender unavailable(String name, String why) {
        return new EchoContender(name, null, Objects.requireNonNull(why, "why"));
    }

    /** Whether it can be measured. */
    public boolean available() {
        return servers != null;
    }
}
