/**
 * The zsync weaver: rewrites suspendable methods into resumable state machines (stackless
 * coroutines) that speak the protocol of {@code io.zsync.coroutine.Coroutine}.
 *
 * <p>{@link io.zsync.weaver.Weaver} weaves the classes of one build together;
 * {@link io.zsync.weaver.ClassDirectoryWeaver} weaves a directory of class files in place (the
 * Maven plugin and {@link io.zsync.weaver.Main} use it); {@link io.zsync.weaver.Agent} weaves
 * classes as they load. Which methods are suspendable, which calls are suspend points, and what
 * the weaver refuses are described in the module's README.
 */
package io.zsync.weaver;
