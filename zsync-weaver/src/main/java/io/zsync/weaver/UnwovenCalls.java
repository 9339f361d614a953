package io.zsync.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The calls into suspendable code of the build that the weaver can see will come from code it
 * does not rewrite: a lambda or method reference whose body is suspendable, made into an
 * interface whose method is not ({@code list.forEach(x -> io.sleep(d))},
 * {@code assertThrows(E.class, () -> reader.take(4))}). Whatever calls it through that interface
 * makes an unwoven call: inside a task that would suspend, the task fails there, naming the caller.
 * Calls through JDK types to the build's own suspendable implementations are not among them: the
 * weaver makes those suspend points ({@link SuspendableMethods}); nor are lambdas made into an
 * interface of the build whose method is marked {@code @NeverSuspends}: it runs off any coroutine.
 */
final class UnwovenCalls {

    private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    private UnwovenCalls() {}

    /** One such call, described for a build log, with where it is. */
    static List<String> find(Iterable<ClassNode> build, SuspendableMethods rule) {
        List<String> found = new ArrayList<>();
        for (ClassNode node : build) {
            if (node.name.startsWith(Protocol.PACKAGE)) {
                continue;
            }
            for (MethodNode method : node.methods) {
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof InvokeDynamicInsnNode indy && isLambda(indy)) {
                        String problem = describe(node, method, indy, rule);
                        if (problem != null) {
                            found.add(problem);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean isLambda(InvokeDynamicInsnNode indy) {
        return indy.bsm.getOwner().equals(LAMBDA_METAFACTORY) && indy.bsmArgs.length >= 3
                && indy.bsmArgs[0] instanceof Type && indy.bsmArgs[1] instanceof Handle;
    }

    private static String describe(ClassNode node, MethodNode method, InvokeDynamicInsnNode indy, SuspendableMethods rule) {
        Handle body = (Handle) indy.bsmArgs[1];
        if (!rule.isSuspendable(body.getOwner(), body.getName(), body.getDesc())) {
            return null;
        }
        String functional = Type.getReturnType(indy.desc).getInternalName();
        String samDesc = ((Type) indy.bsmArgs[0]).getDescriptor();
        if (rule.isSuspendable(functional, indy.name, samDesc)
                || rule.hasSuspendableBuildOverrider(functional, indy.name, samDesc)
                || rule.isMarkedNeverSuspending(functional, indy.name, samDesc)) {
            return null;
        }
        String what = body.getName().startsWith("lambda$") ? "a lambda"
                : "the method reference " + body.getOwner().replace('/', '.') + "::" + body.getName();
        return node.name.replace('/', '.') + "." + method.name + " (" + node.sourceFile + ":" + SourceLines.of(indy)
                + ") makes " + what + " that can suspend into a " + functional.replace('/', '.') + ", whose method "
                + indy.name + " is not suspendable: what calls it through that interface is not woven, so it must"
                + " not suspend in a task (mark " + indy.name + " @Suspendable if the interface is yours; else use a"
                + " plain loop, try/catch, or io.blocking)";
    }
}
