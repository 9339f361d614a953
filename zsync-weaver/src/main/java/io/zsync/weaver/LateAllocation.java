package io.zsync.weaver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * The pre-pass that lets a constructor's arguments suspend: for each {@code new T} whose object is
 * still unconstructed at a suspend point, as in {@code new T(await())}, it moves the allocation
 * after the arguments, so that nothing unconstructed is on the stack (or in a local) when a call
 * suspends. javac's {@code NEW T; DUP; <args>; INVOKESPECIAL T.<init>} becomes
 * {@code <args>; store them in fresh locals, last first; NEW T; DUP; load them; INVOKESPECIAL}.
 *
 * <p>Only the allocations open at a suspend point move; the rest of the method is untouched. The
 * one difference a program can see is that {@code T} is initialised (its static initialiser runs)
 * after the arguments are evaluated, not before.
 *
 * <p>A forward dataflow over the method's control flow (joins and exception edges included)
 * follows each unconstructed object, every copy of it, to its constructor call. An allocation
 * moves only in javac's shape: the {@code NEW} followed by one {@code DUP}, the two references
 * untouched until the one constructor call consumes the copy. Any other shape is refused.
 */
final class LateAllocation {

    private final MethodNode method;
    private final Refusals refusals;
    private final Tracker tracker = new Tracker();
    private Frame<Origin>[] frames;

    private LateAllocation(MethodNode method, Refusals refusals) {
        this.method = method;
        this.refusals = refusals;
    }

    /**
     * Moves the allocations open at any of {@code suspendPoints} after their arguments.
     *
     * @throws WeaveException if such an allocation is not in a shape that can be moved
     */
    static void apply(String owner, MethodNode method, List<AbstractInsnNode> suspendPoints, Refusals refusals)
            throws WeaveException {
        new LateAllocation(method, refusals).rewrite(owner, suspendPoints);
    }

    private void rewrite(String owner, List<AbstractInsnNode> suspendPoints) throws WeaveException {
        try {
            frames = new Analyzer<Origin>(tracker) {
                @Override
                protected Frame<Origin> newFrame(int numLocals, int numStack) {
                    return new TrackingFrame(numLocals, numStack);
                }

                @Override
                protected Frame<Origin> newFrame(Frame<? extends Origin> frame) {
                    return new TrackingFrame(frame);
                }
            }.analyze(owner, method);
        } catch (AnalyzerException e) {
            throw refusals.unanalysable(e);
        }
        // Each open allocation, in instruction order, with the first suspend point inside it.
        Map<AbstractInsnNode, AbstractInsnNode> open = new LinkedHashMap<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.NEW) {
                for (AbstractInsnNode point : suspendPoints) {
                    if (isOpenAt((TypeInsnNode) insn, point)) {
                        open.put(insn, point);
                        break;
                    }
                }
            }
        }
        List<Runnable> moves = new ArrayList<>();
        for (Map.Entry<AbstractInsnNode, AbstractInsnNode> allocation : open.entrySet()) {
            moves.add(checkedMove((TypeInsnNode) allocation.getKey(), allocation.getValue()));
        }
        moves.forEach(Runnable::run);
    }

    private boolean isOpenAt(TypeInsnNode allocation, AbstractInsnNode point) {
        Frame<Origin> frame = frames[method.instructions.indexOf(point)];
        if (frame == null) {
            return false;
        }
        for (int i = 0; i < frame.getStackSize(); i++) {
            if (frame.getStack(i).allocations().contains(allocation)) {
                return true;
            }
        }
        for (int i = 0; i < frame.getLocals(); i++) {
            if (frame.getLocal(i).allocations().contains(allocation)) {
                return true;
            }
        }
        return false;
    }

    /** Checks that an allocation has javac's shape, and returns the move, to be done once all are checked. */
    private Runnable checkedMove(TypeInsnNode allocation, AbstractInsnNode point) throws WeaveException {
        AbstractInsnNode dup = dupAfter(allocation);
        if (dup == null) {
            throw refusals.unmovableAllocation(point, allocation.desc, "is not followed by DUP");
        }
        String misuse = tracker.misuses.get(allocation);
        if (misuse != null) {
            throw refusals.unmovableAllocation(point, allocation.desc, misuse);
        }
        MethodInsnNode constructor = tracker.constructors.get(allocation);
        if (constructor == null) {
            throw refusals.unmovableAllocation(point, allocation.desc, "never reaches its constructor call");
        }
        Type[] arguments = Type.getArgumentTypes(constructor.desc);
        int base = frames[method.instructions.indexOf(allocation)].getStackSize();
        Frame<Origin> atConstructor = frames[method.instructions.indexOf(constructor)];
        if (atConstructor.getStackSize() != base + 2 + arguments.length
                || !atConstructor.getStack(base).allocations().equals(Set.of(allocation))
                || !atConstructor.getStack(base + 1).allocations().equals(Set.of(allocation))) {
            throw refusals.unmovableAllocation(point, allocation.desc,
                    "is not where its constructor call expects it, right below the arguments");
        }
        AbstractInsnNode dupNode = dup;
        return () -> move(allocation, dupNode, constructor, arguments);
    }

    /** {@code NEW; DUP; args; INVOKESPECIAL} to {@code args; store args; NEW; DUP; load args; INVOKESPECIAL}. */
    private void move(TypeInsnNode allocation, AbstractInsnNode dup, MethodInsnNode constructor, Type[] arguments) {
        InsnList code = method.instructions;
        code.remove(allocation);
        code.remove(dup);
        int[] vars = new int[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            vars[i] = method.maxLocals;
            method.maxLocals += arguments[i].getSize();
        }
        for (int i = arguments.length - 1; i >= 0; i--) {
            code.insertBefore(constructor, SlotCodec.store(arguments[i], vars[i]));
        }
        code.insertBefore(constructor, allocation);
        code.insertBefore(constructor, dup);
        for (int i = 0; i < arguments.length; i++) {
            code.insertBefore(constructor, SlotCodec.load(arguments[i], vars[i]));
        }
    }

    /** The {@code DUP} right after an allocation (labels and line numbers aside), or {@code null}. */
    private static AbstractInsnNode dupAfter(AbstractInsnNode allocation) {
        AbstractInsnNode next = allocation.getNext();
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next != null && next.getOpcode() == Opcodes.DUP ? next : null;
    }

    private static boolean isConstructorCall(AbstractInsnNode insn) {
        return insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>");
    }

    /** A value as the pre-pass sees it: its size, and the allocations whose unconstructed object it may be. */
    record Origin(int size, Set<AbstractInsnNode> allocations) implements Value {

        static final Origin ONE = new Origin(1, Set.of());
        static final Origin TWO = new Origin(2, Set.of());

        static Origin of(Value value) {
            return value == null ? null : value.getSize() == 2 ? TWO : ONE;
        }

        @Override
        public int getSize() {
            return size;
        }
    }

    /** A frame in which a constructor call turns every reference to the object it constructs into a plain value. */
    private static final class TrackingFrame extends Frame<Origin> {

        TrackingFrame(int numLocals, int numStack) {
            super(numLocals, numStack);
        }

        TrackingFrame(Frame<? extends Origin> frame) {
            super(frame);
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<Origin> interpreter) throws AnalyzerException {
            if (!isConstructorCall(insn)) {
                super.execute(insn, interpreter);
                return;
            }
            Origin receiver = getStack(getStackSize() - 1 - Type.getArgumentTypes(((MethodInsnNode) insn).desc).length);
            super.execute(insn, interpreter);
            if (receiver.allocations().isEmpty()) {
                return;
            }
            for (int i = 0; i < getStackSize(); i++) {
                if (getStack(i).equals(receiver)) {
                    setStack(i, Origin.ONE);
                }
            }
            for (int i = 0; i < getLocals(); i++) {
                if (getLocal(i).equals(receiver)) {
                    setLocal(i, Origin.ONE);
                }
            }
        }
    }

    /**
     * Follows unconstructed objects: records the constructor call of each allocation, and what else
     * touches one of its references (which makes the allocation unmovable).
     */
    private static final class Tracker extends Interpreter<Origin> {

        private final BasicInterpreter sizes = new BasicInterpreter();
        final Map<AbstractInsnNode, MethodInsnNode> constructors = new HashMap<>();
        final Map<AbstractInsnNode, String> misuses = new HashMap<>();

        Tracker() {
            super(Opcodes.ASM9);
        }

        @Override
        public Origin newValue(Type type) {
            return type == null ? Origin.ONE : Origin.of(sizes.newValue(type));
        }

        @Override
        public Origin newOperation(AbstractInsnNode insn) throws AnalyzerException {
            return insn.getOpcode() == Opcodes.NEW ? new Origin(1, Set.of(insn)) : Origin.of(sizes.newOperation(insn));
        }

        @Override
        public Origin copyOperation(AbstractInsnNode insn, Origin value) {
            for (AbstractInsnNode allocation : value.allocations()) {
                if (insn != dupAfter(allocation) || value.allocations().size() > 1) {
                    misuse(allocation, "has its unconstructed reference copied elsewhere (" + opcode(insn) + ")");
                }
            }
            return value;
        }

        @Override
        public Origin unaryOperation(AbstractInsnNode insn, Origin value) throws AnalyzerException {
            misused(insn, List.of(value));
            return Origin.of(sizes.unaryOperation(insn, BasicValue.REFERENCE_VALUE));
        }

        @Override
        public Origin binaryOperation(AbstractInsnNode insn, Origin value1, Origin value2) throws AnalyzerException {
            misused(insn, List.of(value1, value2));
            return Origin.of(sizes.binaryOperation(insn, BasicValue.REFERENCE_VALUE, BasicValue.REFERENCE_VALUE));
        }

        @Override
        public Origin ternaryOperation(AbstractInsnNode insn, Origin value1, Origin value2, Origin value3) {
            misused(insn, List.of(value1, value2, value3));
            return null;
        }

        @Override
        public Origin naryOperation(AbstractInsnNode insn, List<? extends Origin> values) throws AnalyzerException {
            List<? extends Origin> used = values;
            if (isConstructorCall(insn) && values.get(0).allocations().size() == 1) {
                AbstractInsnNode allocation = values.get(0).allocations().iterator().next();
                MethodInsnNode previous = constructors.putIfAbsent(allocation, (MethodInsnNode) insn);
                if (previous != null && previous != insn) {
                    misuse(allocation, "reaches more than one constructor call");
                }
                used = values.subList(1, values.size());
            }
            misused(insn, used);
            return Origin.of(sizes.naryOperation(insn, List.of()));
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, Origin value, Origin expected) {
            misused(insn, List.of(value));
        }

        @Override
        public Origin merge(Origin value1, Origin value2) {
            if (value1.equals(value2)) {
                return value1;
            }
            Set<AbstractInsnNode> union = new HashSet<>(value1.allocations());
            union.addAll(value2.allocations());
            return new Origin(value1.size() == value2.size() ? value1.size() : 1, Set.copyOf(union));
        }

        private void misused(AbstractInsnNode insn, List<? extends Origin> values) {
            for (Origin value : values) {
                for (AbstractInsnNode allocation : value.allocations()) {
                    misuse(allocation, "has its unconstructed reference used by " + opcode(insn)
                            + (value.allocations().size() > 1 ? " (or shares a value with another 'new')" : ""));
                }
            }
        }

        private void misuse(AbstractInsnNode allocation, String problem) {
            misuses.putIfAbsent(allocation, problem);
        }

        /** Names the instructions that can move a reference around; the rest by number. */
        private static String opcode(AbstractInsnNode insn) {
            return switch (insn.getOpcode()) {
                case Opcodes.ALOAD -> "ALOAD";
                case Opcodes.ASTORE -> "ASTORE";
                case Opcodes.DUP -> "DUP";
                case Opcodes.DUP_X1 -> "DUP_X1";
                case Opcodes.DUP_X2 -> "DUP_X2";
                case Opcodes.DUP2 -> "DUP2";
                case Opcodes.DUP2_X1 -> "DUP2_X1";
                case Opcodes.DUP2_X2 -> "DUP2_X2";
                case Opcodes.SWAP -> "SWAP";
                default -> "opcode " + insn.getOpcode();
            };
        }
    }
}
