package io.zsync.weaver.harness;

import java.lang.reflect.InvocationTargetException;

/** Unwraps what reflective calls wrap. */
final class Reflection {

    private Reflection() {}

    static Throwable unwrap(Throwable t) {
        return t instanceof InvocationTargetException e && e.getCause() != null ? e.getCause() : t;
    }
}
