package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zsync.ConcurrencyUnavailableException;
import io.zsync.Io;
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
 * Each case gets its own {@code Io}, closed afterwards, and a generous hang guard (a deadlock
 * fails the case rather than the build). Each test's display name starts with the backend's name.
 * Cases that need concurrency are skipped, as assumptions, on a backend without it.
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
        return cases().stream().map(c -> DynamicTest.dynamicTest(
                "[" + backend + "] " + c.area() + ": " + c.name(),
                () -> run(c, factory, concurrent)));
    }

    /** Every case of the suite. */
    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(FutureCases.cases());
        all.addAll(CancelCases.cases());
        all.addAll(GroupCases.cases());
        all.addAll(SelectCases.cases());
        all.addAll(QueueCases.cases());
        all.addAll(LockCases.cases());
        all.addAll(SignalCases.cases());
        all.addAll(IoCases.cases());
        all.addAll(NetCases.cases());
        all.addAll(DumpCases.cases());
        all.addAll(RaceCases.cases());
        return all;
    }

    private static void run(Case c, Supplier<Io> factory, boolean concurrent) {
        assumeTrue(concurrent || !c.needsConcurrency(), "the backend has no concurrency");
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try (Io io = factory.get()) {
                c.body().run(io);
            }
        }, () -> c.name() + ": hung (deadlock or a wake-up lost)");
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
