package io.zsync.weaver;

import java.util.BitSet;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which locals are live before each instruction: read later on some path, exception-handler paths
 * included, before being written. Only live locals are saved at a suspend point; the rest are
 * dead, and restoring them would only cost frame slots.
 */
final class Liveness {

    private Liveness() {}

    /** The locals live before each instruction, by slot. */
    static BitSet[] liveIn(MethodNode method, MethodFlow flow) {
        int size = method.instructions.size();
        BitSet[] liveIn = new BitSet[size];
        for (int i = 0; i < size; i++) {
            liveIn[i] = new BitSet();
        }
        AbstractInsnNode[] insns = method.instructions.toArray();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = size - 1; i >= 0; i--) {
                if (flow.frames[i] == null) {
                    continue;
                }
                BitSet live = new BitSet();
                for (int next : flow.successors.get(i)) {
                    live.or(liveIn[next]);
                }
                kill(insns[i], live);
                use(insns[i], live);
                // An exception may leave before this instruction writes anything.
                for (int handler : flow.handlers.get(i)) {
                    live.or(liveIn[handler]);
                }
                if (!live.equals(liveIn[i])) {
                    liveIn[i] = live;
                    changed = true;
                }
            }
        }
        return liveIn;
    }

    private static void kill(AbstractInsnNode insn, BitSet live) {
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
            int var = ((VarInsnNode) insn).var;
            live.clear(var);
            if (opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE) {
                live.clear(var + 1);
            }
        }
    }

    private static void use(AbstractInsnNode insn, BitSet live) {
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD) {
            live.set(((VarInsnNode) insn).var);
        } else if (opcode == Opcodes.IINC) {
            live.set(((IincInsnNode) insn).var);
        }
    }
}
