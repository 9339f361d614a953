package io.zsync.weaver.refused;

import io.zsync.weaver.harness.Leaf;

public class SynchronizedMethod {
    public synchronized int lockedAwait() {
        return Leaf.await(1);
    }
}
