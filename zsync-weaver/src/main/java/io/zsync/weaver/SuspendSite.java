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
 * stack below the call's receiver and arguments, and the live locals.
 */
final class SuspendSite {

    /** A local variable slot and the analysed type of its value. */
    record Local(int var, BasicValue value) {}

    final MethodInsnNode call;
    /** The suspend point's number, the state the method resumes at. */
    final int state;
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
    final Type[] arguments;

    private SuspendSite(MethodInsnNode call, int state, List<BasicValue> stack, List<Local> locals,
            List<Integer> nullLocals, BasicValue receiver) {
        this.call = call;
        this.state = state;
        this.stack = stack;
        this.locals = locals;
        this.nullLocals = nullLocals;
        this.hasReceiver = receiver != null;
        this.receiver = receiver;
        this.arguments = Type.getArgumentTypes(call.desc);
    }

    /**
     * @param frame      the analysed frame before the call
     * @param live       the locals live before the call
     * @param keepsThis  whether local 0 holds {@code this} all along: the re-invocation passes the
     *                   same receiver, so it need not be saved
     */
    static SuspendSite of(MethodInsnNode call, int state, Frame<BasicValue> frame, BitSet live, boolean keepsThis) {
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
        return new SuspendSite(call, state, stack, locals, nullLocals, receiver);
    }

    /** The reference slots this point saves, its frame header included. */
    int referenceSlots() {
        return 1 + (hasReceiver ? 1 : 0) + count(true);
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
