package io.zsync.tck.unwoven;

import io.zsync.Future;
import io.zsync.Io;

/**
 * Constructors that start tasks, woven one at a time by SpawnInConstructorWeavingTest (the build
 * leaves this package as compiled).
 */
public final class SpawnsInConstructor {

    private SpawnsInConstructor() {}

    /** Starts its task with {@code concurrent}, which never runs it inline: the constructor cannot suspend. */
    public static final class Concurrent {
        final Future<Integer, RuntimeException> started;

        public Concurrent(Io io) {
            started = io.concurrent(() -> 1);
        }
    }

    /** Starts its task with {@code async}, which may run it inline, where it may suspend. */
    public static final class Async {
        final Future<Integer, RuntimeException> started;

        public Async(Io io) {
            started = io.async(() -> 1);
        }
    }
}
