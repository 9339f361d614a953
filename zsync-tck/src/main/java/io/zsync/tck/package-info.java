/**
 * The zsync conformance suite (TCK): behaviour every {@link io.zsync.Io} backend must show.
 * Start at {@link io.zsync.tck.IoTck}. The jar's module name is {@code io.zsync.tck}.
 */
package io.zsync.tck;
