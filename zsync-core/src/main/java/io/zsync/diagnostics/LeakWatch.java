package io.zsync.diagnostics;

import io.zsync.internal.LeakRegistry;
import io.zsync.internal.LeakWatches;
import java.util.List;

/**
 * Collects the leaks of what is made while it is open: opened by {@link Leaks#watch()}, it claims
 * every leak of an object made after it opened (the innermost open watch that is older than the
 * object claims it), so that such a leak goes to {@link #check()} instead of the sink. This is how
 * a test checks its own leaks, deterministically; the JUnit extension
 * {@code io.zsync.junit.LeakCheck} (zsync-junit) opens one around every test.
 *
 * <p>Thread-safe. Watches are global, not per thread: objects made by any task or thread count,
 * so tests that run in parallel may see each other's leaks.
 */
public final class LeakWatch implements AutoCloseable {

    private final LeakWatches.Watch watch;

    LeakWatch(LeakWatches.Watch watch) {
        this.watch = watch;
    }

    /**
     * Reports, now, every object made since this watch opened that is still open (not closed,
     * awaited or canceled), as if it had become unreachable, and returns those leaks together with
     * every other leak this watch claimed since the last check: objects found unreachable, tasks
     * abandoned by a backend that closed. Objects reported here are no longer tracked. Only what
     * the leak detector tracked is seen: nothing of an {@code Io} at {@code off}, and only sampled
     * objects of one at {@code sample}.
     */
    public List<Leak> check() {
        LeakRegistry.reportUnreachable();
        LeakRegistry.reportOpenSince(watch.start());
        return watch.drain().stream().map(Leak::new).toList();
    }

    /**
     * Stops claiming leaks: those found later go to the sink. Does not check. Idempotent.
     */
    @Override
    public void close() {
        LeakWatches.close(watch);
    }
}
