package io.zsync.coroutine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that runs where no task's coroutine is, on a thread of its own or a pool thread,
 * so that it never suspends, whatever it calls: a backend's code that runs a task on a thread, or
 * work handed to a blocking pool. The weaver takes it at its word, and only in the build that
 * declares it: it neither rewrites the method nor counts a call to it as a suspend point, and it
 * does not list a lambda made into an interface whose method carries this mark as an unwoven call.
 *
 * <p>Use it where the weaver's rule ({@link Suspendable}) over-approximates: a method that calls a
 * suspendable one, but only ever on a thread. Called inside a coroutine anyway, it runs as written,
 * and a suspension below it fails with an error naming it, as below any code that was not woven.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface NeverSuspends {}
