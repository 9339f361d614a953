package io.zsync.weaver.harness;

import io.zsync.coroutine.Coroutine;
import io.zsync.coroutine.Suspendable;

/**
 * A method written by hand to the protocol woven code speaks, but never registered with
 * {@code WovenMethods}, as if woven by an older weaver: its saved frame has a method number the
 * registry does not know.
 */
public final class UnregisteredMethod {

    /** The method's key; its number is the key's hash. */
    public static final String KEY = "io/zsync/weaver/harness/UnregisteredMethod.park()V";

    private UnregisteredMethod() {}

    /** Calls {@link ParkingLeaf#park()} and, if it suspended, saves a frame of nothing but its header. */
    @Suspendable
    public static void park() {
        Coroutine coroutine = Coroutine.current();
        if (coroutine != null) {
            coroutine.enter(KEY, KEY.hashCode());
            coroutine.call();
        }
        ParkingLeaf.park();
        if (coroutine != null && coroutine.suspending()) {
            coroutine.pushFrame(KEY.hashCode(), 0);
        }
    }
}
