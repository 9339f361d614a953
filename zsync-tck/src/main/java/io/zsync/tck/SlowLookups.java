package io.zsync.tck;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names whose lookups wait until the test lets them go, for the DNS cancellation case: a test JVM
 * that installs a resolver answering the names that {@link #serves} through {@link #await()}
 * (zsync-tck's own tests do, as a {@code java.net.spi.InetAddressResolverProvider})
 * {@linkplain #install() says so}; without one, the case is skipped. Each case run looks up a name
 * of its own, since the JDK caches a failed lookup for a while.
 */
public final class SlowLookups {

    private static final String SUFFIX = ".slow-lookup.zsync.test";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static volatile boolean installed;
    private static volatile Gate gate = new Gate();

    private SlowLookups() {}

    /** Called by the resolver that serves these names. */
    public static void install() {
        installed = true;
    }

    /** Whether {@code host} is one of the names whose lookups wait. */
    public static boolean serves(String host) {
        return host.endsWith(SUFFIX);
    }

    /**
     * Called by that resolver for a lookup of such a name: says the lookup started, then waits
     * until the case {@linkplain Gate#release() releases} it.
     */
    public static void await() throws InterruptedException {
        Gate current = gate;
        current.entered.countDown();
        current.released.await();
    }

    static boolean isInstalled() {
        return installed;
    }

    /** A fresh gate, with a name of its own, for the next slow lookup. */
    static Gate arm() {
        Gate fresh = new Gate();
        gate = fresh;
        return fresh;
    }

    /** One lookup's name, start and release. */
    static final class Gate {
        final String host = "n" + NAMES.incrementAndGet() + SUFFIX;
        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void release() {
            released.countDown();
        }
    }
}
