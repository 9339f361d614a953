package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Io;
import io.zsync.Task;
import io.zsync.coroutine.NeverSuspends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The conformance suite every zsync backend passes. A backend's tests run it with a factory of
 * fresh {@link Io} instances:
 *
 * <pre>{@code
 * class MyBackendTest {
 *     @TestFactory
 *     Stream<DynamicNode> conformance() {
 *         return IoTck.suite("mine", () -> Io.open("mine"));
 *     }
 * }
 * }</pre>
 *
 * Each case runs twice: on the plain test thread, and inside a task of the {@code Io} under test
 * (spawned with {@code concurrent}, or with {@code async} on a backend without concurrency, where
 * it runs inline: the inline task path is checked too). Each run gets its own {@code Io}, closed
 * afterwards, and a generous hang guard (a deadlock fails the case rather than the build). Each
 * test's display name starts with the backend's name, then {@code (in a task)} for the run inside
 * a task. Cases that need concurrency are skipped, as assumptions, on a backend without it; so is
 * the run inside a task of a case that checks plain-thread behaviour, with its reason.
 */
public final class IoTck {

    /** A case that hangs this long has deadlocked; no case comes near it when it passes. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private IoTck() {}

    /**
     * The whole suite for one backend.
     *
     * @param backend the backend's name, shown in every test's name
     * @param factory makes a fresh {@code Io} of that backend for each case
     */
    public static Stream<DynamicNode> suite(String backend, Supplier<Io> factory) {
        boolean concurrent = hasConcurrency(factory);
        return cases().stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest("[" + backend + "] " + c.area() + ": " + c.name(),
                        () -> run(c, factory, concurrent, false)),
                DynamicTest.dynamicTest("[" + backend + "] (in a task) " + c.area() + ": " + c.name(),
                        () -> run(c, factory, concurrent, true))));
    }

    /**
     * The suite's I/O cases for a backend whose I/O driver is not the kernel's (an in-memory
     * world, a simulator): every case that does file or socket I/O through the {@code Io}. Those
     * that need a real kernel (a JDK socket as the peer, a count of descriptors) are reported
     * skipped, with their reason.
     *
     * <pre>{@code
     * MemoryWorld world = MemoryWorld.create();
     * IoTck.ioSuite("threaded+memory", () -> Io.open("threaded", IoOptions.defaults().driver(world)));
     * }</pre>
     *
     * @param backend the backend's and driver's name, shown in every test's name
     * @param factory makes a fresh {@code Io} on that driver for each case
     */
    public static Stream<DynamicNode> ioSuite(String backend, Supplier<Io> factory) {
        boolean concurrent = hasConcurrency(factory);
        return ioCases().stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest("[" + backend + "] " + c.area() + ": " + c.name(),
                        () -> runWithoutKernel(c, factory, concurrent, false)),
                DynamicTest.dynamicTest("[" + backend + "] (in a task) " + c.area() + ": " + c.name(),
                        () -> runWithoutKernel(c, factory, concurrent, true))));
    }

    /** The cases {@link #ioSuite} runs. */
    static List<Case> ioCases() {
        return cases().stream().filter(Case::driverIo).toList();
    }

    private static void runWithoutKernel(Case c, Supplier<Io> factory, boolean concurrent, boolean inTask) {
        assumeTrue(c.kernelOnly() == null, () -> "needs a real kernel: " + c.kernelOnly());
        run(c, factory, concurrent, inTask);
    }

    /** Every case of the suite. */
    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(FutureCases.cases());
        all.addAll(CancelCases.cases());
        all.addAll(GroupCases.cases());
        all.addAll(SelectCases.cases());
        all.addAll(GroupPolicyCases.cases());
        all.addAll(AnyAllCases.cases());
        all.addAll(QueueCases.cases());
        all.addAll(QueueIterationCases.cases());
        all.addAll(LockCases.cases());
        all.addAll(SignalCases.cases());
        all.addAll(IoCases.cases());
        all.addAll(ReaderLineCases.cases());
        all.addAll(NetCases.cases());
        all.addAll(BatchCases.cases());
        all.addAll(FsCases.cases());
        all.addAll(DumpCases.cases());
        all.addAll(MisuseCases.cases());
        all.addAll(LifecycleCases.cases());
        all.addAll(WovenIoCases.cases());
        all.addAll(RaceCases.cases());
        all.addAll(OptionsCases.cases());
        all.addAll(BridgeCases.cases());
        all.addAll(TimeoutCases.cases());
        return all;
    }

    private static void run(Case c, Supplier<Io> factory, boolean concurrent, boolean inTask) {
        assumeTrue(concurrent || !c.needsConcurrency(), "the backend has no concurrency");
        assumeTrue(!inTask || c.runsInTask(), () -> "runs on a plain thread only: " + c.threadOnly());
        assertTimeoutPreemptively(HANG_GUARD, () -> runGuarded(c, factory, concurrent, inTask),
                () -> (inTask ? "(in a task) " : "") + c.name() + ": hung (deadlock or a wake-up lost)");
    }

    /** The case on a fresh {@code Io}, on the hang guard's thread (a plain thread, never a task's coroutine). */
    @NeverSuspends
    private static void runGuarded(Case c, Supplier<Io> factory, boolean concurrent, boolean inTask) throws Exception {
        try (Io io = factory.get()) {
            if (inTask) {
                runInTask(c.body(), io, concurrent);
            } else {
                c.body().run(io);
            }
        }
    }

    /**
     * Runs {@code body} as a task of {@code io} and awaits it: what the body throws, an assertion's
     * failure say, comes out of {@code await} as the same exception (with the task's async stack
     * trace attached).
     */
    private static void runInTask(Case.Body body, Io io, boolean concurrent) throws Exception {
        Task<Void, Exception> task = () -> {
            body.run(io);
            return null;
        };
        (concurrent ? io.concurrent(task) : io.async(task)).await();
    }

    private static boolean hasConcurrency(Supplier<Io> factory) {
        try (Io io = factory.get()) {
            io.concurrent(() -> null).await();
            return true;
        } catch (ConcurrencyUnavailableException e) {
            return !e.isPermanent();
        }
    }
}
