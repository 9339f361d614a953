package io.zsync.weaver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.coroutine.Coroutine;
import io.zsync.weaver.corpus.Misuse;
import io.zsync.weaver.harness.TestCarrier;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** Misuses of the protocol by a backend or by unwoven code fail loudly, naming what is wrong. */
class ProtocolMisuseTest {

    @Test
    void resumingTwiceFails() {
        TestCarrier.onCarrier(call -> true, () -> {
            Coroutine coroutine = new Coroutine();
            assertFalse(coroutine.step(call("first")));
            coroutine.resume(coroutine.generation());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> coroutine.resume(coroutine.generation()));
            assertTrue(e.getMessage().contains("resumed twice"), e.getMessage());
        });
    }

    @Test
    void resumingWithAStaleGenerationFails() {
        TestCarrier.onCarrier(call -> true, () -> {
            Coroutine coroutine = new Coroutine();
            Coroutine.Entry first = call("first");
            assertFalse(coroutine.step(first));
            int stale = coroutine.generation();
            coroutine.resume(stale);
            assertTrue(coroutine.step(first));
            coroutine.recycle();
            assertFalse(coroutine.step(first));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> coroutine.resume(stale));
            assertTrue(e.getMessage().contains("stale resume"), e.getMessage());
        });
    }

    @Test
    void resumingIntoAnotherMethodFails() {
        TestCarrier.onCarrier(call -> true, () -> {
            Coroutine coroutine = new Coroutine();
            assertFalse(coroutine.step(call("first")));
            coroutine.resume(coroutine.generation());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> coroutine.step(call("second")));
            assertTrue(e.getMessage().contains("Misuse.second()") && e.getMessage().contains("frame of another method"),
                    e.getMessage());
        });
    }

    @Test
    void anUnwovenCallerIsNamed() {
        TestCarrier.Outcome outcome = TestCarrier.run(() -> woven("suspendInsideForEach").invoke(null), call -> true);
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, outcome.thrown());
        assertTrue(e.getMessage().contains("forEach") && e.getMessage().contains("did not rewrite"), e.getMessage());
    }

    /** A call of a woven Misuse method, rethrowing what it throws. */
    private static Coroutine.Entry call(String name) {
        Method method = woven(name);
        return () -> {
            try {
                method.invoke(null);
            } catch (InvocationTargetException e) {
                throw (RuntimeException) e.getCause();
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static Method woven(String name) {
        try {
            return WovenCorpus.INSTANCE.woven(Misuse.class).getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
