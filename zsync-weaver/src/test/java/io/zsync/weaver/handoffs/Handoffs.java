package io.zsync.weaver.handoffs;

import io.zsync.coroutine.NeverSuspends;
import io.zsync.weaver.harness.Leaf;

/** Suspendable code handed to interfaces, and code marked as running on a thread only: for UnwovenCallsTest. */
public final class Handoffs {

    /** An interface whose method the weaver knows nothing about. */
    public interface Plain {
        void run();
    }

    /** An interface whose implementations run on a thread of their own. */
    public interface OnAThread {
        @NeverSuspends
        void run();
    }

    private Handoffs() {}

    static void keep(Plain plain) {}

    static void keep(OnAThread onAThread) {}

    /** Listed: whatever calls the lambda through {@code Plain.run} is not woven. */
    public static void handsSuspendingCodeToAPlainInterface() {
        keep((Plain) () -> Leaf.await(1));
    }

    /** Not listed: the interface's method is marked as never running in a coroutine. */
    public static void handsSuspendingCodeToAThreadInterface() {
        keep((OnAThread) () -> Leaf.await(2));
    }

    /** Calls suspendable code, but is marked: not woven, not suspendable. */
    @NeverSuspends
    public static int runsOnAThread() {
        return Leaf.await(3);
    }

    /** Calls only the marked method: not a suspend point, so not suspendable either. */
    public static int callsCodeThatRunsOnAThread() {
        return runsOnAThread() + 1;
    }
}
