/**
 * JUnit Jupiter support: {@link io.zsync.junit.LeakCheck} fails a test whose code leaked (see
 * {@link io.zsync.Leaks}); {@link io.zsync.junit.ExpectLeaks} exempts a test that leaks on purpose.
 * Needs {@code junit-jupiter-api} on the test class path, which zsync-core does not bring itself.
 */
package io.zsync.junit;
