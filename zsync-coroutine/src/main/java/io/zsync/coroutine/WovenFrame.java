package io.zsync.coroutine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put by the zsync weaver on every method it rewrote into a state machine: the size of the frame
 * the method saves when a call it makes suspends, computed at weave time. A suspended task holds
 * one such frame per woven method on its call chain.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WovenFrame {

    /** How many suspend points the method has: the calls after which it can be resumed. */
    int suspendPoints();

    /** The most reference slots the method saves at one suspend point. */
    int refs();

    /**
     * The most primitive slots (each a {@code long}) the method saves at one suspend point, its
     * one-slot frame header (method number and suspend point) included.
     */
    int prims();
}
