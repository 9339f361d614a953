package io.zsync.tck.unwoven;

/**
 * A frame the build does not weave (the zsync-tck pom excludes this package), reached from woven
 * code through a method marked suspendable and calling woven code again: the unwoven frame between
 * woven ones that a suspension must not unwind through.
 */
public final class Middle implements Hop {

    private final Hop next;

    public Middle(Hop next) {
        this.next = next;
    }

    @Override
    public void hop() throws Exception {
        next.hop();
    }
}
