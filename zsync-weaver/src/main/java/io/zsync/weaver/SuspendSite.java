package io.zsync.weaver;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * One suspend point of a method, and what its frame holds when the call suspends: the operand
 * stack below the call's receiver and arguments, the live locals, and the receiver unless a saved
 * local holds it.
 */
final class SuspendSite {

    /** A local variable slot and the analysed type of its value. */
    record Local(int var, BasicValue value) {}

    final MethodInsnNode call;
    /** The suspend point's number, the state the method resumes at. */
    final int state;
    /** The source line of the call, -1 if unknown: where a suspended task is shown to wait. */
    final int line;
    /** The stack below the receiver and arguments, bottom first. */
    final List<BasicValue> stack;
    /** The live locals to save, in saving order. */
    final List<Local> locals;
    /** The live locals that hold {@code null}: restored without being saved. */
    final List<Integer> nullLocals;
    final boolean hasReceiver;
    /**
     * The analysed type of the receiver, {@code null} for a static call. The analysed type, not the
     * call's owner: {@code invokespecial} and protected access demand the caller's own class.
     */
    final BasicValue receiver;
    /**
     * The local that still holds the receiver when the call suspends, or -1 if the receiver is
     * spilled into a temp and saved on its own. Such a local is saved with the live locals (once,
     * even if it is live anyway), except {@code this} when the method keeps it.
     */
    final int receiverLocal;
    final Type[] arguments;

    private SuspendSite(MethodInsnNode call, int state, List<BasicValue> stack, List<Local> locals,
            List<Integer> nullLocals, BasicValue receiver, int receiverLocal) {
        this.call = call;
        this.state = state;
        this.line = SourceLines.of(call);
        this.stack = stack;
        this.locals = locals;
        this.nullLocals = nullLocals;
        this.hasReceiver = receiver != null;
        this.receiver = receiver;
        this.receiverLocal = receiverLocal;
        this.arguments = Type.getArgumentTypes(call.desc);
    }

    /**
     * @param frame      the analysed frame before the call
     * @param live       the locals live before the call
     * @param keepsThis  whether local 0 holds {@code this} all along: the re-invocation passes the
     *                   same receiver, so it need not be saved
     * @param receiverLocal the local that holds the receiver from its load to the call (see
     *                   {@link ReceiverLocals}), or -1
     */
    static SuspendSite of(MethodInsnNode call, int state, Frame<BasicValue> frame, BitSet live, boolean keepsThis,
            int receiverLocal) {
        boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
        int below = frame.getStackSize() - Type.getArgumentTypes(call.desc).length - (isStatic ? 0 : 1);
        List<BasicValue> stack = new ArrayList<>();
        for (int i = 0; i < below; i++) {
            stack.add(frame.getStack(i));
        }
        BasicValue receiver = isStatic ? null : frame.getStack(below);
        if (receiver != null && HierarchyVerifier.isNull(receiver)) {
            receiver = new BasicValue(Type.getObjectType(call.owner));
        }
        if (receiverLocal >= 0 && HierarchyVerifier.isNull(frame.getLocal(receiverLocal))) {
            receiverLocal = -1; // the call throws before it could suspend; keep the general shape
        }
        if (receiverLocal >= 0) {
            live = (BitSet) live.clone();
            live.set(receiverLocal);
        }
        List<Local> locals = new ArrayList<>();
        List<Integer> nullLocals = new ArrayList<>();
        for (int var = live.nextSetBit(0); var >= 0 && var < frame.getLocals(); var = live.nextSetBit(var + 1)) {
            BasicValue value = frame.getLocal(var);
            if (value.getType() == null || (var == 0 && keepsThis)) {
                continue;
            }
            if (HierarchyVerifier.isNull(value)) {
                nullLocals.add(var);
            } else {
                locals.add(new Local(var, value));
            }
        }
        return new SuspendSite(call, state, stack, locals, nullLocals, receiver, receiverLocal);
    }

    /** The reference slots this point saves (the frame header is a primitive slot). */
    int referenceSlots() {
        return (spillsReceiver() ? 1 : 0) + count(true);
    }

    /** Whether the receiver is kept in a temp of its own and saved apart from the locals. */
    boolean spillsReceiver() {
        return hasReceiver && receiverLocal < 0;
    }

    /** The primitive slots this point saves, its frame header included. */
    int primitiveSlots() {
        return 1 + count(false);
    }

    private int count(boolean references) {
        long inStack = stack.stream().filter(v -> !HierarchyVerifier.isNull(v) && SlotCodec.isReference(v) == references).count();
        long inLocals = locals.stream().filter(l -> SlotCodec.isReference(l.value()) == references).count();
        return (int) (inStack + inLocals);
    }
}
