package io.zsync.weaver;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Which suspend points can take their receiver from a local instead of a spilled temp: those whose
 * receiver was pushed by one {@code ALOAD n} that reaches the call in straight-line code (no jump,
 * switch or jump target between them), with no store to {@code n} and no other suspend point in
 * between. Local {@code n} then still holds the receiver when the call suspends, and nothing between
 * the load and the call can resume with {@code n} unrestored.
 */
final class ReceiverLocals {

    private ReceiverLocals() {}

    /** For each point, in order, the local holding its receiver, or -1 if it must be spilled. */
    static int[] of(String owner, MethodNode method, List<AbstractInsnNode> points) throws AnalyzerException {
        Frame<SourceValue>[] frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
        Set<LabelNode> targets = jumpTargets(method);
        Set<AbstractInsnNode> suspendPoints = new HashSet<>(points);
        int[] locals = new int[points.size()];
        for (int p = 0; p < locals.length; p++) {
            MethodInsnNode call = (MethodInsnNode) points.get(p);
            locals[p] = call.getOpcode() == Opcodes.INVOKESTATIC ? -1
                    : receiverLocal(call, frames[method.instructions.indexOf(call)], targets, suspendPoints);
        }
        return locals;
    }

    private static int receiverLocal(MethodInsnNode call, Frame<SourceValue> frame, Set<LabelNode> targets,
            Set<AbstractInsnNode> suspendPoints) {
        SourceValue receiver = frame.getStack(frame.getStackSize() - Type.getArgumentTypes(call.desc).length - 1);
        if (receiver.insns.size() != 1 || receiver.insns.iterator().next().getOpcode() != Opcodes.ALOAD) {
            return -1;
        }
        VarInsnNode load = (VarInsnNode) receiver.insns.iterator().next();
        for (AbstractInsnNode insn = load.getNext(); insn != call; insn = insn.getNext()) {
            if (insn == null || insn instanceof JumpInsnNode || insn instanceof TableSwitchInsnNode
                    || insn instanceof LookupSwitchInsnNode || targets.contains(insn)
                    || suspendPoints.contains(insn) || storesTo(insn, load.var)) {
                return -1;
            }
        }
        return load.var;
    }

    /** Whether {@code insn} writes local {@code var}: a store to it, or a long or double store below it. */
    private static boolean storesTo(AbstractInsnNode insn, int var) {
        int opcode = insn.getOpcode();
        if (opcode < Opcodes.ISTORE || opcode > Opcodes.ASTORE) {
            return false;
        }
        int stored = ((VarInsnNode) insn).var;
        return stored == var || (stored == var - 1 && (opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE));
    }

    private static Set<LabelNode> jumpTargets(MethodNode method) {
        Set<LabelNode> targets = new HashSet<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof JumpInsnNode jump) {
                targets.add(jump.label);
            } else if (insn instanceof TableSwitchInsnNode table) {
                targets.add(table.dflt);
                targets.addAll(table.labels);
            } else if (insn instanceof LookupSwitchInsnNode lookup) {
                targets.add(lookup.dflt);
                targets.addAll(lookup.labels);
            }
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            targets.add(block.handler);
        }
        return targets;
    }
}
