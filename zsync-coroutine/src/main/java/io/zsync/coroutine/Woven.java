package io.zsync.coroutine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put by the zsync weaver on every class it has rewritten, so that weaving a class twice changes
 * nothing, and so that tools can tell woven classes from others at run time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Woven {

    /** The version of the weaver's output format: woven code needs a {@link Coroutine} that speaks it. */
    int format();
}
