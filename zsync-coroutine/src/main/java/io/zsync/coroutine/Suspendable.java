package io.zsync.coroutine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that may suspend: on the {@code evented} backend, a call to it can pause the
 * calling task without blocking a thread, and resume it later where it stopped. The zsync weaver
 * ({@code zsync-weaver}: a Maven plugin at build time, or a Java agent at load time) rewrites
 * suspendable methods into resumable state machines; on every other backend the woven code runs
 * exactly as written.
 *
 * <p>The rule: a method is suspendable if it is annotated {@code @Suspendable}, or if it calls a
 * suspendable method (the weaver finds these itself, and marks them in its output), or, at build
 * time, if a method of the same build that overrides it is suspendable. A lambda body follows the
 * same rule. So annotate only what the weaver cannot see: an interface or abstract method whose
 * implementations suspend but live in another build, such as a handler interface that a library
 * calls. zsync's own API (every {@code Io} operation that waits, {@code Task.run}) is annotated.
 *
 * <p>A call through a type of another build (a JDK interface such as
 * {@code WritableByteChannel.write}) counts as suspending when a suspendable method of the build
 * overrides the method it resolves to.
 *
 * <p>A suspendable method must be reached through suspendable methods only: called from code the
 * weaver did not rewrite (for example, from inside {@code List.forEach}) it runs as written, and a
 * suspension below it fails with an error naming that code and what to do instead. Constructors and class initialisers cannot suspend, and a suspendable method
 * cannot hold a monitor ({@code synchronized}) across a suspending call: the weaver refuses both.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Suspendable {}
