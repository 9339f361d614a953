package io.zsync.tck;

import io.zsync.Io;
import io.zsync.coroutine.Suspendable;
import java.util.List;
import java.util.Objects;

/**
 * One behaviour of the suite: its area, a name that says what it checks, and the check. The suite
 * runs the check twice: on the plain test thread, and inside a task of the {@code Io} under test,
 * unless the case is {@linkplain #onThreadOnly marked} as one that checks plain-thread behaviour.
 *
 * @param threadOnly why the check cannot run inside a task, or {@code null} if it can
 * @param driverIo   whether the check does file or socket I/O through the {@code Io}'s driver: the
 *                   cases {@link IoTck#ioSuite} runs on a driver of another kind, such as the in-memory one
 * @param kernelOnly why the check needs a real kernel's files or sockets (a JDK socket as the peer,
 *                   a descriptor count), or {@code null} if any driver does; an I/O case only
 */
record Case(String area, String name, boolean needsConcurrency, String threadOnly, boolean driverIo, String kernelOnly, Body body) {

    /**
     * The check, run against a fresh {@code Io}. It may suspend (inside a task on {@code evented}),
     * so what it hands code that may suspend goes to woven code only: {@link Checks#assertThrows}
     * rather than JUnit's, plain loops rather than {@code forEach} or streams.
     */
    @FunctionalInterface
    interface Body {
        @Suspendable
        void run(Io io) throws Exception;
    }

    /** A case that holds on every backend. */
    static Case of(String area, String name, Body body) {
        return new Case(area, name, false, null, false, null, body);
    }

    /** A case that needs tasks running concurrently with the test. */
    static Case concurrent(String area, String name, Body body) {
        return new Case(area, name, true, null, false, null, body);
    }

    /**
     * This case, run on the plain test thread only, for {@code reason}: what it checks is the
     * behaviour of a thread that runs no task (its interrupt status, say). The run inside a task is
     * reported as skipped with that reason, never left out silently.
     */
    Case onThreadOnly(String reason) {
        return new Case(area, name, needsConcurrency, Objects.requireNonNull(reason, "reason"), driverIo, kernelOnly, body);
    }

    /** This case, as one whose I/O goes through the driver and holds on any driver: {@link IoTck#ioSuite} runs it. */
    Case io() {
        return new Case(area, name, needsConcurrency, threadOnly, true, kernelOnly, body);
    }

    /**
     * This case, as an I/O case that needs a real kernel for {@code reason} (its peer is a JDK
     * socket, it counts the process's descriptors, it uses {@code java.nio.file.Files} on the disk):
     * {@link IoTck#ioSuite} reports it skipped with that reason, never leaves it out silently.
     */
    Case kernelOnly(String reason) {
        return new Case(area, name, needsConcurrency, threadOnly, true, Objects.requireNonNull(reason, "reason"), body);
    }

    /** Every case of {@code cases} as an {@linkplain #io() I/O case}, keeping those already marked kernel-only. */
    static List<Case> io(List<Case> cases) {
        return cases.stream().map(c -> c.driverIo ? c : c.io()).toList();
    }

    /** Whether the suite also runs this case inside a task. */
    boolean runsInTask() {
        return threadOnly == null;
    }
}
