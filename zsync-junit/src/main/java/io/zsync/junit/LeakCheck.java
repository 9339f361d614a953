package io.zsync.junit;

import io.zsync.diagnostics.Leak;
import io.zsync.diagnostics.LeakWatch;
import io.zsync.diagnostics.Leaks;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;

/**
 * Fails a test whose code leaked: a {@link io.zsync.Future} never awaited, canceled nor closed, a
 * {@link io.zsync.Group} never awaited nor closed, a file or socket never closed, a task abandoned
 * by a backend that closed (see {@link Leaks}). The failure message holds each leak's full report:
 * where the object was made and the spawn chain of the task that made it.
 *
 * <p>Register it with {@code @ExtendWith(LeakCheck.class)}, or for a whole suite through
 * auto-detection: zsync-junit lists it in {@code META-INF/services} and its module descriptor
 * provides it, so on the class path or the module path
 * {@code junit.jupiter.extensions.autodetection.enabled=true} (in {@code junit-platform.properties}
 * or as a system property) is enough. It checks what it sees at the {@link Leaks.Level} the JVM
 * runs at: run tests with {@code -Dzsync.leaks=paranoid} to check every object.
 *
 * <p>A {@code @Test} is checked after its {@code @AfterEach} methods, so what they close is not a
 * leak; each dynamic test is checked on its own. Whatever the test made and left open by then is
 * a leak: the check is deterministic and needs no garbage collection. Tests marked
 * {@link ExpectLeaks} are not failed. Tests that run in parallel may see each other's leaks.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(LeakWatch.class, Leaks.watch());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LeakWatch watch = context.getStore(NAMESPACE).remove(LeakWatch.class, LeakWatch.class);
        if (watch != null) {
            checkAndClose(watch, context);
        }
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext context) throws Throwable {
        LeakWatch watch = Leaks.watch();
        try {
            invocation.proceed();
        } catch (Throwable failure) {
            // The test's own failure comes first; its leaks are likely a consequence, so they ride along.
            try {
                checkAndClose(watch, context);
            } catch (AssertionError leaks) {
                failure.addSuppressed(leaks);
            }
            throw failure;
        }
        checkAndClose(watch, context);
    }

    private static void checkAndClose(LeakWatch watch, ExtensionContext context) {
        List<Leak> leaks;
        try (watch) {
            leaks = watch.check();
        }
        if (!leaks.isEmpty() && expectation(context).isEmpty()) {
            throw new AssertionError(leaks.size() + " leak(s) in " + context.getDisplayName()
                    + " (mark a test that leaks on purpose with @ExpectLeaks):\n"
                    + leaks.stream().map(Leak::toString).collect(Collectors.joining("\n")));
        }
    }

    /** The {@link ExpectLeaks} on the test, its factory or one of their classes, if any. */
    private static Optional<ExpectLeaks> expectation(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<ExpectLeaks> found = c.getElement().map(LeakCheck::annotation);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static ExpectLeaks annotation(AnnotatedElement element) {
        return element.getAnnotation(ExpectLeaks.class);
    }
}
