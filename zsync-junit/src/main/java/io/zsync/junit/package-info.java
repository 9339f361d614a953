/**
 * JUnit Jupiter support: {@link io.zsync.junit.LeakCheck} fails a test whose code leaked (see
 * {@link io.zsync.diagnostics.Leaks}); {@link io.zsync.junit.ExpectLeaks} exempts a test that leaks on purpose.
 * In the artifact {@code io.zsync:zsync-junit}, a test dependency (it brings
 * {@code junit-jupiter-api}); the runtime, {@code zsync-core}, has no JUnit code.
 */
package io.zsync.junit;
