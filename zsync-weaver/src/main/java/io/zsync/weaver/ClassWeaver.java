package io.zsync.weaver;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Weaves one class of a build: marks its suspendable methods, rewrites those with suspend points,
 * and marks the class as woven if anything changed.
 */
final class ClassWeaver {

    private final ClassHierarchy hierarchy;
    private final SuspendableMethods rule;

    ClassWeaver(ClassHierarchy hierarchy, SuspendableMethods rule) {
        this.hierarchy = hierarchy;
        this.rule = rule;
    }

    /** Whether the weaver leaves a class alone: it was woven already, or it implements the protocol. */
    static boolean isExempt(ClassNode node) {
        return node.name.startsWith(Protocol.PACKAGE)
                || Annotations.has(node.visibleAnnotations, Protocol.WOVEN_DESC);
    }

    /**
     * Weaves {@code node} in place.
     *
     * @return the number of methods rewritten, or -1 if the class is unchanged
     */
    int weave(ClassNode node) throws WeaveException {
        if (isExempt(node)) {
            return -1;
        }
        boolean changed = false;
        List<FrameTable> rewritten = new ArrayList<>();
        for (MethodNode method : node.methods) {
            if (rule.isSuspendable(node.name, method.name, method.desc)
                    && !Annotations.has(method.invisibleAnnotations, Protocol.SUSPENDABLE_DESC)) {
                method.invisibleAnnotations = Annotations.add(method.invisibleAnnotations,
                        new AnnotationNode(Protocol.SUSPENDABLE_DESC));
                changed = true;
            }
            // Marked as running off any coroutine: left as written, as code outside the build is.
            List<AbstractInsnNode> points = rule.isMarkedNeverSuspending(node.name, method.name, method.desc)
                    ? List.of() : suspendPoints(method);
            FrameTable table = points.isEmpty() ? null : weaveMethod(node, method, points);
            if (table != null) {
                rewritten.add(table);
                changed = true;
            }
        }
        if (!changed) {
            return -1;
        }
        if (!rewritten.isEmpty()) {
            ClassInitRegistration.insert(node, rewritten);
        }
        AnnotationNode woven = new AnnotationNode(Protocol.WOVEN_DESC);
        woven.values = List.of("format", Protocol.FORMAT);
        node.visibleAnnotations = Annotations.add(node.visibleAnnotations, woven);
        return rewritten.size();
    }

    private List<AbstractInsnNode> suspendPoints(MethodNode method) {
        List<AbstractInsnNode> points = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (rule.isSuspendPoint(insn)) {
                points.add(insn);
            }
        }
        return points;
    }

    /** @return what the class registers of the rewritten method, or {@code null} if all its suspend points are unreachable */
    private FrameTable weaveMethod(ClassNode node, MethodNode method, List<AbstractInsnNode> points) throws WeaveException {
        Refusals refusals = new Refusals(node.name, method);
        refusals.checkMethod(points.get(0));
        MethodFlow flow = analyse(node, method, refusals);
        List<AbstractInsnNode> reachable = new ArrayList<>();
        for (AbstractInsnNode point : points) {
            if (flow.frames[method.instructions.indexOf(point)] != null) {
                reachable.add(point);
            }
        }
        if (reachable.isEmpty()) {
            return null;
        }
        HeldScopes scopes = HeldScopes.compute(method, flow);
        if (reachable.stream().anyMatch(point -> scopes.hasUnconstructedObject(method.instructions.indexOf(point)))) {
            // Suspend points inside a constructor's arguments: move those allocations after the
            // arguments first, then analyse the code that is actually woven.
            LateAllocation.apply(node.name, method, reachable, refusals);
            flow = analyse(node, method, refusals);
            refusals.checkSites(reachable, HeldScopes.compute(method, flow));
        } else {
            refusals.checkSites(reachable, scopes);
        }
        BitSet[] live = Liveness.liveIn(method, flow);
        boolean keepsThis = keepsThis(method);
        int[] receiverLocals = receiverLocals(node, method, reachable, refusals);
        List<SuspendSite> sites = new ArrayList<>();
        for (AbstractInsnNode point : reachable) {
            int index = method.instructions.indexOf(point);
            sites.add(SuspendSite.of((MethodInsnNode) point, sites.size(), flow.frames[index], live[index], keepsThis,
                    receiverLocals[sites.size()]));
        }
        return MethodWeaver.weave(node.name, method, sites);
    }

    private MethodFlow analyse(ClassNode node, MethodNode method, Refusals refusals) throws WeaveException {
        try {
            return MethodFlow.analyse(hierarchy, hierarchy.get(node.name), method);
        } catch (AnalyzerException e) {
            throw refusals.unanalysable(e);
        }
    }

    private static int[] receiverLocals(ClassNode node, MethodNode method, List<AbstractInsnNode> points,
            Refusals refusals) throws WeaveException {
        try {
            return ReceiverLocals.of(node.name, method, points);
        } catch (AnalyzerException e) {
            throw refusals.unanalysable(e);
        }
    }

    /** Whether local 0 holds {@code this} throughout: an instance method that never stores into it. */
    private static boolean keepsThis(MethodNode method) {
        if ((method.access & Opcodes.ACC_STATIC) != 0) {
            return false;
        }
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof VarInsnNode store && store.var == 0 && insn.getOpcode() >= Opcodes.ISTORE
                    && insn.getOpcode() <= Opcodes.ASTORE) {
                return false;
            }
        }
        return true;
    }
}
