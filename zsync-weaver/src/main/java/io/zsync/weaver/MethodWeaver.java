package io.zsync.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * Rewrites one method into a resumable state machine, given its suspend points.
 *
 * <p>The prologue enters the coroutine the thread runs, if any, and jumps to the restore stub of
 * the state it resumes at. Each suspend point keeps its original call, preceded by
 * {@code co.call()} and followed by a check of {@code co.suspending()} that saves the frame and
 * returns a default value. Each restore stub rebuilds the frame and jumps back to the original call,
 * inside the original exception ranges, so that what the resumed call throws reaches the same
 * handlers.
 */
final class MethodWeaver {

    private static final String COROUTINE = Protocol.COROUTINE;

    private final MethodNode method;
    private final String key;
    private final List<SuspendSite> sites;
    private final int coroutineVar;
    private final int stateVar;
    private int nextVar;

    private MethodWeaver(String owner, MethodNode method, List<SuspendSite> sites) {
        this.method = method;
        this.key = owner + "." + method.name + method.desc;
        this.sites = sites;
        this.coroutineVar = method.maxLocals;
        this.stateVar = coroutineVar + 1;
        this.nextVar = stateVar + 1;
    }

    /**
     * Rewrites {@code method} of class {@code owner} and annotates it with its frame size.
     *
     * @return what the class registers of the method at run time
     */
    static FrameTable weave(String owner, MethodNode method, List<SuspendSite> sites) {
        MethodWeaver weaver = new MethodWeaver(owner, method, sites);
        weaver.rewrite();
        return new FrameTable(method.name, weaver.key.hashCode(),
                sites.stream().mapToInt(site -> site.line).toArray(),
                sites.stream().mapToInt(SuspendSite::primitiveSlots).toArray());
    }

    private void rewrite() {
        LabelNode dispatch = new LabelNode();
        List<InsnList> stubs = new ArrayList<>();
        for (SuspendSite site : sites) {
            LabelNode call = new LabelNode();
            int receiverVar = instrumentCall(site, call);
            stubs.add(restoreStub(site, receiverVar, call));
        }
        method.instructions.insert(prologue(dispatch));
        method.instructions.add(dispatch(dispatch, stubs));
        method.maxLocals = nextVar;
        annotateFrameSize();
    }

    /**
     * {@code co = Coroutine.current(); s = co == null ? -1 : co.enter(K, K.hashCode()); if (s < -1) co = null;
     * if (s >= 0) goto dispatch;}
     */
    private InsnList prologue(LabelNode dispatch) {
        InsnList code = new InsnList();
        LabelNode entered = new LabelNode();
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, COROUTINE, "current", "()" + Protocol.COROUTINE_DESC, false));
        code.add(new VarInsnNode(Opcodes.ASTORE, coroutineVar));
        code.add(new InsnNode(Opcodes.ICONST_M1));
        code.add(new VarInsnNode(Opcodes.ISTORE, stateVar));
        code.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        code.add(new JumpInsnNode(Opcodes.IFNULL, entered));
        code.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        code.add(new LdcInsnNode(key));
        code.add(new LdcInsnNode(key.hashCode()));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, COROUTINE, "enter", "(Ljava/lang/String;I)I", false));
        code.add(new VarInsnNode(Opcodes.ISTORE, stateVar));
        // -2: called from unwoven code, so the method runs detached, as written: co = null.
        code.add(new VarInsnNode(Opcodes.ILOAD, stateVar));
        code.add(new InsnNode(Opcodes.ICONST_M1));
        code.add(new JumpInsnNode(Opcodes.IF_ICMPGE, entered));
        code.add(new InsnNode(Opcodes.ACONST_NULL));
        code.add(new VarInsnNode(Opcodes.ASTORE, coroutineVar));
        code.add(entered);
        code.add(new VarInsnNode(Opcodes.ILOAD, stateVar));
        code.add(new JumpInsnNode(Opcodes.IFGE, dispatch));
        return code;
    }

    /**
     * Surrounds the call of a suspend point: keeps its receiver in a local (spilling it into a temp
     * unless a local holds it already), marks the call as woven, and after it saves the frame and
     * returns if the callee suspended.
     *
     * @return the local that keeps the receiver, or -1 for a static call
     */
    private int instrumentCall(SuspendSite site, LabelNode callLabel) {
        InsnList before = new InsnList();
        int receiverVar = site.receiverLocal;
        if (site.spillsReceiver()) {
            int[] argumentVars = new int[site.arguments.length];
            for (int i = 0; i < argumentVars.length; i++) {
                argumentVars[i] = newLocal(site.arguments[i]);
            }
            for (int i = argumentVars.length - 1; i >= 0; i--) {
                before.add(SlotCodec.store(site.arguments[i], argumentVars[i]));
            }
            receiverVar = newLocal(Type.getType(Object.class));
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new VarInsnNode(Opcodes.ASTORE, receiverVar));
            for (int i = 0; i < argumentVars.length; i++) {
                before.add(SlotCodec.load(site.arguments[i], argumentVars[i]));
            }
        }
        before.add(callLabel);
        LabelNode notRunning = new LabelNode();
        before.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        before.add(new JumpInsnNode(Opcodes.IFNULL, notRunning));
        before.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        before.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, COROUTINE, "call", "()V", false));
        before.add(notRunning);
        method.instructions.insertBefore(site.call, before);
        method.instructions.insert(site.call, saveIfSuspending(site, receiverVar));
        return receiverVar;
    }

    private InsnList saveIfSuspending(SuspendSite site, int receiverVar) {
        InsnList code = new InsnList();
        LabelNode goOn = new LabelNode();
        code.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        code.add(new JumpInsnNode(Opcodes.IFNULL, goOn));
        code.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, COROUTINE, "suspending", "()Z", false));
        code.add(new JumpInsnNode(Opcodes.IFEQ, goOn));
        Type result = Type.getReturnType(site.call.desc);
        if (result.getSize() > 0) {
            code.add(new InsnNode(result.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
        }
        for (int i = site.stack.size() - 1; i >= 0; i--) {
            BasicValue value = site.stack.get(i);
            if (HierarchyVerifier.isNull(value)) {
                code.add(new InsnNode(Opcodes.POP));
            } else {
                SlotCodec.save(code, value, coroutineVar);
            }
        }
        for (SuspendSite.Local local : site.locals) {
            code.add(SlotCodec.load(local.value().getType(), local.var()));
            SlotCodec.save(code, local.value(), coroutineVar);
        }
        if (site.spillsReceiver()) {
            code.add(new VarInsnNode(Opcodes.ALOAD, receiverVar));
            SlotCodec.save(code, BasicValue.REFERENCE_VALUE, coroutineVar);
        }
        code.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        code.add(new LdcInsnNode(key.hashCode()));
        code.add(new LdcInsnNode(site.state));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, COROUTINE, "pushFrame", "(II)V", false));
        Type returnType = Type.getReturnType(method.desc);
        if (returnType.getSort() != Type.VOID) {
            SlotCodec.pushDefault(code, returnType);
        }
        code.add(new InsnNode(returnType.getOpcode(Opcodes.IRETURN)));
        code.add(goOn);
        return code;
    }

    /**
     * Restores what {@link #saveIfSuspending} saved, in reverse, and calls again on the receiver's
     * local: the temp, or the local the receiver was loaded from (restored with the locals, or
     * {@code this}).
     */
    private InsnList restoreStub(SuspendSite site, int receiverVar, LabelNode callLabel) {
        InsnList code = new InsnList();
        if (site.spillsReceiver()) {
            SlotCodec.restore(code, site.receiver, coroutineVar);
            code.add(new VarInsnNode(Opcodes.ASTORE, receiverVar));
        }
        for (int i = site.locals.size() - 1; i >= 0; i--) {
            SuspendSite.Local local = site.locals.get(i);
            SlotCodec.restore(code, local.value(), coroutineVar);
            code.add(SlotCodec.store(local.value().getType(), local.var()));
        }
        for (int var : site.nullLocals) {
            code.add(new InsnNode(Opcodes.ACONST_NULL));
            code.add(new VarInsnNode(Opcodes.ASTORE, var));
        }
        for (BasicValue value : site.stack) {
            if (HierarchyVerifier.isNull(value)) {
                code.add(new InsnNode(Opcodes.ACONST_NULL));
            } else {
                SlotCodec.restore(code, value, coroutineVar);
            }
        }
        if (receiverVar >= 0) {
            code.add(new VarInsnNode(Opcodes.ALOAD, receiverVar));
        }
        for (Type argument : site.arguments) {
            SlotCodec.pushDefault(code, argument);
        }
        code.add(new JumpInsnNode(Opcodes.GOTO, callLabel));
        return code;
    }

    /** {@code switch (s) { case k -> stub k; default -> throw }}, then the stubs in state order. */
    private InsnList dispatch(LabelNode dispatch, List<InsnList> stubs) {
        InsnList code = new InsnList();
        LabelNode corrupt = new LabelNode();
        LabelNode[] stubLabels = new LabelNode[stubs.size()];
        for (int k = 0; k < stubLabels.length; k++) {
            stubLabels[k] = new LabelNode();
        }
        code.add(dispatch);
        code.add(new VarInsnNode(Opcodes.ILOAD, stateVar));
        code.add(new TableSwitchInsnNode(0, stubLabels.length - 1, corrupt, stubLabels));
        code.add(corrupt);
        code.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(new LdcInsnNode("corrupt coroutine frames: " + key + " has no suspend point with that number"));
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                "(Ljava/lang/String;)V", false));
        code.add(new InsnNode(Opcodes.ATHROW));
        for (int k = 0; k < stubLabels.length; k++) {
            code.add(stubLabels[k]);
            code.add(stubs.get(k));
        }
        return code;
    }

    private int newLocal(Type type) {
        int var = nextVar;
        nextVar += type.getSize();
        return var;
    }

    private void annotateFrameSize() {
        AnnotationNode frame = new AnnotationNode(Protocol.WOVEN_FRAME_DESC);
        frame.values = List.of(
                "suspendPoints", sites.size(),
                "refs", sites.stream().mapToInt(SuspendSite::referenceSlots).max().orElse(1),
                "prims", sites.stream().mapToInt(SuspendSite::primitiveSlots).max().orElse(1));
        method.visibleAnnotations = Annotations.add(method.visibleAnnotations, frame);
    }
}
