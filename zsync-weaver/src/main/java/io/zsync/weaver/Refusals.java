package io.zsync.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/** The suspend points the weaver cannot make resumable, each refused with what to do instead. */
final class Refusals {

    private final String owner;
    private final MethodNode method;

    Refusals(String owner, MethodNode method) {
        this.owner = owner;
        this.method = method;
    }

    /** Refusals that need no analysis: where the method is, how it is compiled. */
    void checkMethod(AbstractInsnNode firstSuspendPoint) throws WeaveException {
        String callee = describe(firstSuspendPoint);
        if (method.name.equals("<init>")) {
            throw refuse(firstSuspendPoint, "a constructor cannot suspend, but it calls " + callee
                    + "; move the suspending call into a method or a static factory");
        }
        if (method.name.equals("<clinit>")) {
            throw refuse(firstSuspendPoint, "a static initialiser cannot suspend, but it calls " + callee
                    + "; move the suspending call out of the class initialisation");
        }
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            throw refuse(firstSuspendPoint, holdsMonitor(callee));
        }
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.JSR || insn.getOpcode() == Opcodes.RET) {
                throw refuse(insn, "uses JSR/RET subroutines (class files older than Java 6), which the weaver"
                        + " does not rewrite; recompile it with a current compiler");
            }
        }
    }

    /** Refusals that need the dataflow: monitors held and objects not yet constructed at a call. */
    void checkSites(List<AbstractInsnNode> suspendPoints, HeldScopes scopes) throws WeaveException {
        for (AbstractInsnNode point : suspendPoints) {
            int index = method.instructions.indexOf(point);
            if (scopes.holdsMonitor(index)) {
                throw refuse(point, holdsMonitor(describe(point)));
            }
            if (scopes.hasUnconstructedObject(index)) {
                throw refuse(point, "calls " + describe(point) + ", which can suspend, between a 'new' and its"
                        + " constructor call (as in new Foo(await())), where the object cannot be saved;"
                        + " assign the result to a local first");
            }
        }
    }

    /** A suspend point inside the arguments of a {@code new} the weaver cannot move after them. */
    WeaveException unmovableAllocation(AbstractInsnNode point, String type, String shape) {
        return refuse(point, "calls " + describe(point) + ", which can suspend, between a 'new' and its constructor"
                + " call, and the weaver cannot move the allocation after the arguments: the 'new "
                + type.replace('/', '.') + "' " + shape + "; assign the suspending call's result to a local first");
    }

    WeaveException unanalysable(AnalyzerException e) {
        return WeaveException.at(owner, method.name, method.desc, 0, "cannot be analysed: " + e.getMessage());
    }

    private static String holdsMonitor(String callee) {
        return "holds a monitor (synchronized) across a suspending call to " + callee
                + "; use io.zsync Mutex or move the call out of the synchronized block";
    }

    private WeaveException refuse(AbstractInsnNode at, String problem) {
        return WeaveException.at(owner, method.name, method.desc, SourceLines.of(at), problem);
    }

    private static String describe(AbstractInsnNode call) {
        MethodInsnNode invoke = (MethodInsnNode) call;
        return invoke.owner.replace('/', '.') + "." + invoke.name;
    }
}
