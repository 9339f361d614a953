package io.zsync.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test (a method, or every test of a class) that leaks on purpose: {@link LeakCheck} still
 * collects its leaks, so that they are neither logged nor blamed on a later test, but does not fail
 * it. On a {@code @TestFactory}, it covers every dynamic test the factory makes. Say why in
 * {@link #value()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ExpectLeaks {

    /** Why the test leaks. */
    String value();
}
