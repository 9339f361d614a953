package io.zsync.tck.unwoven;

import io.zsync.Queue;

/**
 * A {@link Queue.Consumer} the build does not weave (the zsync-tck pom excludes this package),
 * as in a user's module that skipped the weaver: it puts each element into another queue, which
 * may wait.
 */
public final class Forward implements Queue.Consumer<Integer, RuntimeException> {

    private final Queue<Integer> to;

    public Forward(Queue<Integer> to) {
        this.to = to;
    }

    @Override
    public void accept(Integer element) {
        to.put(element);
    }
}
