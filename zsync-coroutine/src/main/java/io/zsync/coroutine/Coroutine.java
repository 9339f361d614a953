package io.zsync.coroutine;

import java.util.Arrays;

/**
 * A stackless task: the frames of the woven methods on its call chain while it is suspended, and
 * the protocol by which woven code, a backend's suspending primitives ("leaves") and the backend
 * suspend and resume it. One coroutine runs at a time on a {@link CoroutineCarrier}; every method
 * here must be called on the carrier that runs it, except {@link #resume}, which the backend calls
 * under its own synchronisation, and {@link #suspendedAt}, which reads where a suspended task waits.
 *
 * <p><b>The protocol.</b> A backend {@linkplain #step steps} a coroutine: it calls the entry
 * (a woven method) on the carrier. When a leaf decides to wait, it calls {@link #suspend()} and
 * returns; every woven method on the chain sees {@link #suspending()} after the call it made,
 * saves its live locals and operand stack into this coroutine with {@code push*} and
 * {@link #pushFrame}, and returns; {@code step} then returns {@code false}. To continue, the backend
 * calls {@link #resume} and steps again: each woven method finds its frame in {@link #enter},
 * restores it with {@code pop*} and calls again what it was calling, down to the leaf, whose
 * {@link #enterLeaf()} returns {@code true}: the leaf returns its result and the task runs on.
 *
 * <p>The frames are checked as they are restored: a frame is taken only by the method that saved
 * it, at the state it saved, once. A resume of a coroutine that is not suspended, or one recycled
 * since, fails with an {@link IllegalStateException}.
 *
 * <p><b>Unwoven code.</b> A woven method called from code that was not woven (a lambda run by
 * {@code List.forEach}) runs <em>detached</em>, exactly as written: it saves nothing and marks none
 * of its calls, so that it works as long as nothing below it suspends; a suspending operation
 * reached that way fails, before anything is changed, with an {@link IllegalStateException}
 * naming the unwoven frame and what to do instead. An unwoven frame between two woven ones (an
 * interface method marked suspendable, implemented by a class that was not woven) cannot be seen
 * that way; with {@code -Dzsync.checkWoven=true}, {@link #suspend()} walks the stack and fails the
 * same way when a frame between the suspending operation and {@link #step} was not woven.
 *
 * <p>The {@code push*}, {@code pop*}, {@link #enter}, {@link #call} and {@link #suspending}
 * methods are for code the zsync weaver writes; nothing else should call them.
 */
public final class Coroutine {

    /** Not started, or ended: {@link #step} starts it. */
    private static final byte IDLE = 0;
    private static final byte RUNNING = 1;
    /** A leaf suspended; the woven methods on the chain are saving their frames. */
    private static final byte SUSPENDING = 2;
    private static final byte SUSPENDED = 3;
    /** Resumed: the woven methods on the chain are restoring their frames, down to the leaf. */
    private static final byte RESUMING = 4;

    /** What {@link #enter} returns to a woven method called from unwoven code: run detached. */
    private static final int DETACHED = -2;
    /** Whether {@link #suspend()} checks that every frame it unwinds was woven (-Dzsync.checkWoven=true). */
    private static final boolean CHECK_WOVEN = Boolean.getBoolean("zsync.checkWoven");

    private static final int INITIAL_SLOTS = 4;
    private static final long[] NO_PRIMS = {};
    private static final Object[] NO_REFS = {};

    // Field sizes are chosen so that a coroutine is 32 bytes: a suspended task holds one.
    private byte mode = IDLE;
    /** Set by a woven caller just before it calls a suspendable method; taken by the callee. */
    private boolean wovenCall;
    private long[] prims = NO_PRIMS;
    private int primTop;
    private Object[] refs = NO_REFS;
    private int refTop;
    /**
     * Counts recycles modulo 2^16: a stale resume is caught unless exactly a multiple of 65,536
     * recycles came between, a price paid for two bytes per suspended task.
     */
    private char generation;

    /** A new, idle coroutine. */
    public Coroutine() {}

    /** The coroutine the calling thread runs now, or {@code null} if it runs none. */
    public static Coroutine current() {
        return Thread.currentThread() instanceof CoroutineCarrier carrier ? carrier.running : null;
    }

    // ---- backend --------------------------------------------------------------------------------

    /**
     * Where a coroutine starts: the call {@link #step} makes first, and again on every resume, to
     * re-enter the chain of woven calls that suspended. Suspendable, so that the weaver takes a
     * lambda made into it for the root of a coroutine rather than a call from code it did not weave.
     */
    @FunctionalInterface
    public interface Entry {
        /** Calls the coroutine's outermost woven method. */
        @Suspendable
        void run();
    }

    /**
     * Runs this coroutine on the calling carrier until it ends or suspends: starts {@code entry}
     * if the coroutine is idle, or continues it from where it suspended if it was
     * {@linkplain #resume resumed}. {@code entry} must be the same on every step, and is normally
     * a call to a woven method; the coroutine running on the carrier before is restored after.
     *
     * @return {@code true} if {@code entry} returned (the coroutine is idle again), {@code false}
     *         if it suspended
     * @throws IllegalStateException if the calling thread is not a {@link CoroutineCarrier}, if the
     *         coroutine is suspended and was not resumed, or if the resumed chain did not reach the
     *         leaf that suspended (code on it was not woven)
     */
    public boolean step(Entry entry) {
        if (!(Thread.currentThread() instanceof CoroutineCarrier carrier)) {
            throw new IllegalStateException("a coroutine runs on a CoroutineCarrier thread, not on "
                    + Thread.currentThread());
        }
        if (mode == IDLE) {
            mode = RUNNING;
        } else if (mode != RESUMING) {
            throw new IllegalStateException("this coroutine is " + modeName() + ": step it when idle or resumed");
        }
        Coroutine outer = carrier.running;
        carrier.running = this;
        boolean ended = false;
        try {
            wovenCall = true;
            entry.run();
            ended = true;
        } finally {
            carrier.running = outer;
            wovenCall = false;
            if (!ended) {
                reset();
            }
        }
        return switch (mode) {
            case RUNNING -> {
                mode = IDLE;
                yield true;
            }
            case SUSPENDING -> {
                if (primTop == 0) {
                    // The leaf took the flag step() set: the entry ran the leaf without a woven
                    // method in between, so nothing could save where it stopped.
                    reset();
                    throw new IllegalStateException("the coroutine suspended, but no woven method saved a frame: "
                            + entry + " is not woven, or calls the suspending operation from code that is not");
                }
                mode = SUSPENDED;
                yield false;
            }
            default -> {
                int left = primTop;
                reset();
                throw new IllegalStateException("the resumed coroutine returned before reaching the call that"
                        + " suspended it (" + left + " frame slots were not restored): " + entry
                        + " or a method it calls is not woven");
            }
        };
    }

    /**
     * Marks this suspended coroutine to continue on its next {@link #step}. Callable from any thread
     * that the backend has made sure is the only one resuming it.
     *
     * @param generation the {@link #generation()} read when the coroutine suspended
     * @throws IllegalStateException if the coroutine is not suspended (it was resumed already, or
     *         never suspended) or has been {@linkplain #recycle recycled} since
     */
    public void resume(int generation) {
        if (generation != this.generation) { // a char widens to the int that generation() returned
            throw new IllegalStateException("stale resume: this coroutine was recycled since it suspended"
                    + " (generation " + generation + ", now " + this.generation + ")");
        }
        if (mode != SUSPENDED) {
            throw new IllegalStateException("cannot resume a coroutine that is " + modeName()
                    + (mode == RESUMING ? ": it was resumed twice" : ""));
        }
        mode = RESUMING;
    }

    /**
     * Counts the times this coroutine was {@linkplain #recycle recycled}, modulo 2^16: a resume
     * names the one it means.
     */
    public int generation() {
        return generation;
    }

    /**
     * Makes an idle coroutine ready to run another task, keeping its frame storage: resumes meant
     * for its previous task fail from now on.
     *
     * @throws IllegalStateException if the coroutine is not idle
     */
    public void recycle() {
        if (mode != IDLE) {
            throw new IllegalStateException("only an idle coroutine can be recycled; this one is " + modeName());
        }
        generation++;
        Arrays.fill(refs, null);
    }

    /** Whether a leaf suspended this coroutine and it was not resumed yet. */
    public boolean isSuspended() {
        return mode == SUSPENDED;
    }

    /**
     * Where this coroutine's task is suspended, as {@link Throwable#getStackTrace()} would show it
     * had it a thread stack: one element per saved frame (per woven method on the chain),
     * innermost first, each naming the method's class, name and source file and the line of the
     * call it is suspended in (-1 if the class has no line numbers). The suspending primitive
     * itself saves no frame and is not listed. A frame whose method is not registered in
     * {@link WovenMethods} (its class was woven by an older weaver, or shares its method number with
     * another) gives an element of class {@code "?"} that stands for it and every frame below it,
     * whose bounds cannot be known without it.
     *
     * <p>Reads the saved frames and changes nothing. Callable from any thread, but only with a
     * happens-before edge from the suspension to the call (for example, a volatile read of a
     * backend's task state that the carrier wrote after {@link #step} returned {@code false}), and
     * while the coroutine stays suspended: otherwise the result may be stale or meaningless, though
     * the call does not fail.
     *
     * @return the saved frames, innermost first; an empty array if the coroutine is not
     *         {@linkplain #isSuspended suspended}
     */
    public StackTraceElement[] suspendedAt() {
        return mode == SUSPENDED ? SavedFrames.trace(prims, primTop) : new StackTraceElement[0];
    }

    // ---- leaves ---------------------------------------------------------------------------------

    /**
     * Called first by a suspending primitive (a leaf) running on this coroutine.
     *
     * @return {@code true} if the coroutine is being resumed: the leaf returns its result now and
     *         the task runs on; {@code false} on a first call: the leaf either returns at once or
     *         calls {@link #suspend()} and returns. When resumed, the leaf's arguments are dummies
     *         (zeros and nulls: its caller restored its own frame, not the call's arguments), so
     *         the result must come from state the leaf or its backend kept, never from them.
     * @throws IllegalStateException if the leaf was called from code that was not woven, naming it
     */
    public boolean enterLeaf() {
        if (!wovenCall) {
            throw new IllegalStateException(UnwovenFrames.calledFromUnwoven("a suspending operation"));
        }
        wovenCall = false;
        if (mode != RESUMING) {
            return false;
        }
        if (primTop != 0 || refTop != 0) {
            throw corrupt("the leaf was reached with frames left to restore");
        }
        mode = RUNNING;
        return true;
    }

    /**
     * Suspends this coroutine: the leaf that calls this returns at once (any value), and the woven
     * methods on the chain save their frames as they return.
     */
    public void suspend() {
        if (mode != RUNNING) {
            throw new IllegalStateException("only a running coroutine can suspend; this one is " + modeName());
        }
        if (CHECK_WOVEN) {
            String unwoven = UnwovenFrames.betweenWovenOnes();
            if (unwoven != null) {
                throw new IllegalStateException(unwoven);
            }
        }
        mode = SUSPENDING;
    }

    // ---- woven code -----------------------------------------------------------------------------

    /**
     * Entry of a woven method.
     *
     * @param method   the method's key, naming it in errors
     * @param methodId the method's number, {@code method.hashCode()}, which its saved frames carry
     * @return the suspend point to continue after; -1 on a first entry; -2 if the caller was not
     *         woven: the method then runs as written, without the coroutine
     */
    public int enter(String method, int methodId) {
        if (!wovenCall) {
            if (mode == RESUMING) {
                throw new IllegalStateException(UnwovenFrames.calledFromUnwoven(method));
            }
            return DETACHED;
        }
        wovenCall = false;
        if (mode != RESUMING) {
            return -1;
        }
        if (primTop == 0) {
            throw corrupt(method + " was resumed, but no frame is left for it");
        }
        long header = prims[--primTop];
        int savedBy = (int) (header >>> 32);
        if (savedBy != methodId) {
            throw corrupt(method + " was resumed with the frame of another method (number "
                    + Integer.toHexString(savedBy) + ", not " + Integer.toHexString(methodId) + ")");
        }
        return (int) header;
    }

    /** Before a woven method calls a suspendable method. */
    public void call() {
        wovenCall = true;
    }

    /** After a woven method's suspendable call returned: whether it must save its frame and return. */
    public boolean suspending() {
        // A callee that was not woven (one that never suspends) leaves the flag set: clear it here,
        // so that it cannot vouch for an unwoven caller later.
        wovenCall = false;
        return mode == SUSPENDING;
    }

    /**
     * Ends a saved frame with its header, one primitive slot: the number of the method that saved
     * it ({@code methodId}, as given to {@link #enter}) and the suspend point it continues after.
     */
    public void pushFrame(int methodId, int state) {
        pushLong(((long) methodId << 32) | (state & 0xffff_ffffL), this);
    }

    /** Saves an {@code int}, {@code short}, {@code char}, {@code byte} or {@code boolean}. */
    public static void pushInt(int value, Coroutine co) {
        pushLong(value, co);
    }

    /** Saves a {@code float}. */
    public static void pushFloat(float value, Coroutine co) {
        pushLong(Float.floatToRawIntBits(value), co);
    }

    /** Saves a {@code double}. */
    public static void pushDouble(double value, Coroutine co) {
        pushLong(Double.doubleToRawLongBits(value), co);
    }

    /** Saves a {@code long}. */
    public static void pushLong(long value, Coroutine co) {
        if (co.primTop == co.prims.length) {
            co.prims = Arrays.copyOf(co.prims, grown(co.primTop));
        }
        co.prims[co.primTop++] = value;
    }

    /** Saves a reference. */
    public static void pushRef(Object value, Coroutine co) {
        if (co.refTop == co.refs.length) {
            co.refs = Arrays.copyOf(co.refs, grown(co.refTop));
        }
        co.refs[co.refTop++] = value;
    }

    /** Restores what {@link #pushInt} saved. */
    public int popInt() {
        return (int) popLong();
    }

    /** Restores what {@link #pushFloat} saved. */
    public float popFloat() {
        return Float.intBitsToFloat((int) popLong());
    }

    /** Restores what {@link #pushDouble} saved. */
    public double popDouble() {
        return Double.longBitsToDouble(popLong());
    }

    /** Restores what {@link #pushLong} saved. */
    public long popLong() {
        if (primTop == 0) {
            throw corrupt("a frame asked for more primitive slots than were saved");
        }
        return prims[--primTop];
    }

    /** Restores what {@link #pushRef} saved. */
    public Object popRef() {
        if (refTop == 0) {
            throw corrupt("a frame asked for more reference slots than were saved");
        }
        Object value = refs[--refTop];
        refs[refTop] = null;
        return value;
    }

    /** How many slots the saved frames hold now: {@code [references, primitives]}, for tests and pool metrics. */
    public int[] savedSlots() {
        return new int[] {refTop, primTop};
    }

    // ---- internals ------------------------------------------------------------------------------

    /**
     * The next capacity of a frame stack: by half again (4, 6, 9, 13, 19, ...) rather than doubling,
     * because a suspended task keeps its stacks: a million suspended tasks would carry the unused half.
     */
    private static int grown(int capacity) {
        return Math.max(INITIAL_SLOTS, capacity + (capacity >> 1));
    }

    private IllegalStateException corrupt(String what) {
        reset();
        return new IllegalStateException("corrupt coroutine frames: " + what);
    }

    private void reset() {
        mode = IDLE;
        wovenCall = false;
        Arrays.fill(refs, 0, refTop, null);
        refTop = 0;
        primTop = 0;
    }

    private String modeName() {
        return switch (mode) {
            case IDLE -> "idle";
            case RUNNING -> "running";
            case SUSPENDING -> "suspending";
            case SUSPENDED -> "suspended";
            default -> "being resumed";
        };
    }
}
