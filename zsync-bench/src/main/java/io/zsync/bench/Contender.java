package io.zsync.bench;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A server a benchmark measures: its name, such as {@code "echo-go"} or {@code "netty-epoll"},
 * and how to make a fresh {@link LoopbackServer} for each round; or, when it cannot be measured (a
 * peer that is not built), why, which the bench reports instead of a result.
 *
 * @param name        the name in the report
 * @param servers     makes one server per round; {@code null} when unavailable
 * @param unavailable why it cannot be measured; {@code null} when available
 */
public record Contender(String name, Supplier<? extends LoopbackServer> servers, String unavailable) {

    /**
     * Checks the contender.
     *
     * @throws IllegalArgumentException unless exactly one of {@code servers} and {@code unavailable} is given
     */
    public Contender {
        Objects.requireNonNull(name, "name");
        if ((servers == null) == (unavailable == null)) {
            throw new IllegalArgumentException(name + ": give either how to make its servers or why it is unavailable");
        }
    }

    /** A contender measured on a fresh server from {@code servers} every round. */
    public static Contender of(String name, Supplier<? extends LoopbackServer> servers) {
        return new Contender(name, Objects.requireNonNull(servers, "servers"), null);
    }

    /** A contender that cannot be measured, and {@code why}. */
    public static Contender unavailable(String name, String why) {
        return new Contender(name, null, Objects.requireNonNull(why, "why"));
    }

    /** Whether it can be measured. */
    public boolean available() {
        return servers != null;
    }
}
