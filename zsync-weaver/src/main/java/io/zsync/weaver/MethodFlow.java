package io.zsync.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The result of analysing one method: the inferred frame before each instruction ({@code null}
 * for unreachable code) and the control-flow graph, normal and exceptional edges apart.
 */
final class MethodFlow {

    final Frame<BasicValue>[] frames;
    /** For each instruction index, the instructions that may run next. */
    final List<List<Integer>> successors;
    /** For each instruction index, the handlers an exception it throws may reach. */
    final List<List<Integer>> handlers;

    private MethodFlow(Frame<BasicValue>[] frames, List<List<Integer>> successors, List<List<Integer>> handlers) {
        this.frames = frames;
        this.successors = successors;
        this.handlers = handlers;
    }

    static MethodFlow analyse(ClassHierarchy hierarchy, ClassInfo owner, MethodNode method) throws AnalyzerException {
        int size = method.instructions.size();
        List<List<Integer>> successors = emptyLists(size);
        List<List<Integer>> handlers = emptyLists(size);
        Analyzer<BasicValue> analyzer = new Analyzer<>(new HierarchyVerifier(hierarchy, owner)) {
            @Override
            protected void newControlFlowEdge(int insn, int successor) {
                successors.get(insn).add(successor);
            }

            @Override
            protected boolean newControlFlowExceptionEdge(int insn, int handler) {
                handlers.get(insn).add(handler);
                return true;
            }
        };
        Frame<BasicValue>[] frames = analyzer.analyze(owner.name, method);
        return new MethodFlow(frames, successors, handlers);
    }

    private static List<List<Integer>> emptyLists(int size) {
        List<List<Integer>> lists = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            lists.add(new ArrayList<>(2));
        }
        return lists;
    }
}
