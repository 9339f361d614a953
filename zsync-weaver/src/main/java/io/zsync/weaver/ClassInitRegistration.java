package io.zsync.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Makes a woven class register its woven methods with {@code io.zsync.coroutine.WovenMethods}
 * when it is initialised: one {@code register} call per method at the start of {@code <clinit>},
 * which is created if the class (or interface) has none. At the start, so that a method is
 * registered before the class's own initialiser can run it; the initialiser then runs as before.
 */
final class ClassInitRegistration {

    private static final String CLASS_INIT = "<clinit>";
    private static final String REGISTER_DESC = "(ILjava/lang/String;Ljava/lang/String;Ljava/lang/String;[I[I)V";

    private ClassInitRegistration() {}

    static void insert(ClassNode node, List<FrameTable> methods) {
        InsnList code = new InsnList();
        for (FrameTable method : methods) {
            code.add(register(node, method));
        }
        classInit(node).instructions.insert(code);
    }

    /** {@code WovenMethods.register(id, "com.example.Foo", "method", "Foo.java", lines, primSlots)} */
    private static InsnList register(ClassNode node, FrameTable method) {
        InsnList code = new InsnList();
        code.add(new LdcInsnNode(method.methodId()));
        code.add(new LdcInsnNode(node.name.replace('/', '.')));
        code.add(new LdcInsnNode(method.methodName()));
        code.add(node.sourceFile != null ? new LdcInsnNode(node.sourceFile) : new InsnNode(Opcodes.ACONST_NULL));
        code.add(intArray(method.lineByState()));
        code.add(intArray(method.primSlotsByState()));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Protocol.WOVEN_METHODS, "register", REGISTER_DESC, false));
        return code;
    }

    private static InsnList intArray(int[] values) {
        InsnList code = new InsnList();
        code.add(intConstant(values.length));
        code.add(new IntInsnNode(Opcodes.NEWARRAY, Opcodes.T_INT));
        for (int i = 0; i < values.length; i++) {
            code.add(new InsnNode(Opcodes.DUP));
            code.add(intConstant(i));
            code.add(intConstant(values[i]));
            code.add(new InsnNode(Opcodes.IASTORE));
        }
        return code;
    }

    /** The shortest instruction that pushes {@code value}: these are mostly small. */
    private static AbstractInsnNode intConstant(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }

    /** The class's static initialiser, created empty if it has none. */
    private static MethodNode classInit(ClassNode node) {
        for (MethodNode method : node.methods) {
            if (method.name.equals(CLASS_INIT)) {
                return method;
            }
        }
        MethodNode created = new MethodNode(Opcodes.ACC_STATIC, CLASS_INIT, "()V", null, null);
        created.instructions.add(new InsnNode(Opcodes.RETURN));
        node.methods.add(created);
        return created;
    }
}
