package io.zsync.weaver;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What is open before each instruction, by forward dataflow over the control-flow graph: the
 * monitors held ({@code monitorenter} not yet matched by {@code monitorexit}), and the objects
 * allocated by {@code new} and not yet constructed. A suspending call cannot be resumed inside
 * either: a monitor is owned by a thread, and an unconstructed object cannot be saved (so
 * {@link LateAllocation} first moves such allocations after their constructor's arguments).
 */
final class HeldScopes {

    /** Bounds the counts, so that the dataflow ends even on code that never releases a monitor. */
    private static final int LIMIT = 64;

    private final int[] monitors;
    private final int[] allocations;

    private HeldScopes(int[] monitors, int[] allocations) {
        this.monitors = monitors;
        this.allocations = allocations;
    }

    /** Whether a monitor may be held before instruction {@code index}. */
    boolean holdsMonitor(int index) {
        return monitors[index] > 0;
    }

    /** Whether an object may be allocated and not yet constructed before instruction {@code index}. */
    boolean hasUnconstructedObject(int index) {
        return allocations[index] > 0;
    }

    static HeldScopes compute(MethodNode method, MethodFlow flow) {
        int size = method.instructions.size();
        int[] monitors = new int[size];
        int[] allocations = new int[size];
        Arrays.fill(monitors, -1);
        Arrays.fill(allocations, -1);
        AbstractInsnNode[] insns = method.instructions.toArray();
        Deque<Integer> pending = new ArrayDeque<>();
        if (size > 0) {
            monitors[0] = 0;
            allocations[0] = 0;
            pending.add(0);
        }
        while (!pending.isEmpty()) {
            int i = pending.removeFirst();
            int monitorsAfter = clamp(monitors[i] + monitorChange(insns[i]));
            int allocationsAfter = clamp(allocations[i] + allocationChange(insns[i]));
            for (int next : flow.successors.get(i)) {
                if (raise(monitors, allocations, next, monitorsAfter, allocationsAfter)) {
                    pending.add(next);
                }
            }
            // An exception leaves with the monitors held before the throwing instruction, and an
            // empty operand stack: no allocation survives it.
            for (int handler : flow.handlers.get(i)) {
                if (raise(monitors, allocations, handler, monitors[i], 0)) {
                    pending.add(handler);
                }
            }
        }
        return new HeldScopes(monitors, allocations);
    }

    private static boolean raise(int[] monitors, int[] allocations, int at, int monitorCount, int allocationCount) {
        boolean changed = false;
        if (monitorCount > monitors[at]) {
            monitors[at] = monitorCount;
            changed = true;
        }
        if (allocationCount > allocations[at]) {
            allocations[at] = allocationCount;
            changed = true;
        }
        return changed;
    }

    private static int monitorChange(AbstractInsnNode insn) {
        return switch (insn.getOpcode()) {
            case Opcodes.MONITORENTER -> 1;
            case Opcodes.MONITOREXIT -> -1;
            default -> 0;
        };
    }

    private static int allocationChange(AbstractInsnNode insn) {
        if (insn.getOpcode() == Opcodes.NEW) {
            return 1;
        }
        boolean constructs = insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>");
        return constructs ? -1 : 0;
    }

    private static int clamp(int count) {
        return Math.max(0, Math.min(LIMIT, count));
    }
}
