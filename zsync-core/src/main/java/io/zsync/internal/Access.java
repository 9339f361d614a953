package io.zsync.internal;

import io.zsync.AsyncStackTrace;
import io.zsync.Io;
import io.zsync.diagnostics.Leaks;
import io.zsync.spi.Backend;
import java.util.List;

/**
 * The one door from the runtime's other packages into the core's package-private state: what
 * {@code io.zsync.diagnostics} and this package need of an {@code Io}, its tasks and their traces,
 * and nothing more. The core implements {@link Core} once ({@code io.zsync.CoreAccess}) and
 * registers it as that class initialises, which {@link #core()} brings about on first use; this is
 * the shared-secrets idiom of the JDK. Not exported: no user code can reach it.
 */
public final class Access {

    /** The class of the core that implements {@link Core} and registers it. */
    private static final String IMPLEMENTATION = "io.zsync.CoreAccess";

    /** What the core lets its other packages see. Every method is safe from any thread. */
    public interface Core {

        /**
         * The backend of {@code io}.
         *
         * @throws IllegalArgumentException if {@code io} was not opened by zsync: {@code what} (such
         *                                  as "task dumps") needs one that was
         */
        Backend backendOf(Io io, String what);

        /** The leak detection level of {@code io}; the JVM's ({@link Leaks#level()}) if it is not zsync's. */
        Leaks.Level leakLevelOf(Io io);

        /** The spawn trace of the task running on {@code io} now, or {@code null}: a plain thread, or not zsync's. */
        SpawnTrace currentTrace(Io io);

        /**
         * The spawn chain of the task a strand runs, given the strand's attachment (see
         * {@link io.zsync.spi.Strand#attachment()}), or {@code null} if it runs no task.
         */
        List<StackTraceElement> spawnChainOf(Object strandAttachment);

        /** A link of an async stack trace: {@code message}, at {@code site}, with the link above as cause. */
        AsyncStackTrace asyncStackTrace(String message, StackTraceElement[] site, AsyncStackTrace spawner);
    }

    private static volatile Core core;

    private Access() {}

    /**
     * Registers the core's implementation: called once, by it, as it initialises.
     *
     * @throws IllegalStateException if one was registered already
     */
    public static synchronized void register(Core implementation) {
        if (core != null) {
            throw new IllegalStateException("the core registered its access door already");
        }
        core = implementation;
    }

    /** The core's door, initialising the core's implementation first if no one has yet. */
    public static Core core() {
        Core registered = core;
        if (registered == null) {
            try {
                Class.forName(IMPLEMENTATION, true, Access.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(IMPLEMENTATION + " is missing: zsync-core is incomplete", e);
            }
            registered = core;
        }
        return registered;
    }
}
