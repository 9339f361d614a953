package io.zsync.weaver.refused;

import io.zsync.weaver.harness.Leaf;

public class SuspendInConstructor {
    final int value;

    public SuspendInConstructor() {
        value = Leaf.await(1);
    }
}
