package io.zsync.weaver.refused;

import io.zsync.weaver.harness.Leaf;

public class SynchronizedBlock {
    public int awaitInBlock(Object lock) {
        synchronized (lock) {
            return Leaf.await(1);
        }
    }
}
