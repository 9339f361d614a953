package io.zsync.tck.leaks;

/** Where planted code is, so that a test can tell whether a report names it. */
final class SourceLines {

    private SourceLines() {}

    /** The line this is called from. */
    static int here() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }
}
