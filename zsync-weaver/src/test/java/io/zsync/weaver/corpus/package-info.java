/**
 * Method shapes the weaver must keep meaning the same: each public static no-argument method of
 * a shape class is run unwoven and woven, and must return or throw the same. Every shape reaches
 * a {@link io.zsync.weaver.harness.Leaf}, so that woven it suspends.
 */
package io.zsync.weaver.corpus;
