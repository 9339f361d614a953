package io.zsync.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * The code that saves a value into a coroutine's frame slots and restores it: int-like values,
 * floats (raw bits), longs and doubles each in a primitive slot, references in a reference slot.
 */
final class SlotCodec {

    private SlotCodec() {}

    /** Whether the value takes a reference slot (otherwise a primitive one). */
    static boolean isReference(BasicValue value) {
        int sort = value.getType().getSort();
        return sort == Type.OBJECT || sort == Type.ARRAY;
    }

    /** Saves the value on top of the stack: {@code Coroutine.pushX(value, co)}. */
    static void save(InsnList code, BasicValue value, int coroutineVar) {
        code.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        Type type = isReference(value) ? Type.getType(Object.class) : value.getType();
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Protocol.COROUTINE, "push" + suffix(value),
                "(" + type.getDescriptor() + Protocol.COROUTINE_DESC + ")V", false));
    }

    /** Pushes the value restored from the frame slots, cast back to its analysed type. */
    static void restore(InsnList code, BasicValue value, int coroutineVar) {
        code.add(new VarInsnNode(Opcodes.ALOAD, coroutineVar));
        Type type = isReference(value) ? Type.getType(Object.class) : value.getType();
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Protocol.COROUTINE, "pop" + suffix(value),
                "()" + type.getDescriptor(), false));
        if (isReference(value) && !value.getType().getInternalName().equals("java/lang/Object")) {
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, value.getType().getInternalName()));
        }
    }

    /** Pushes the default value of a type: what a re-invoked callee receives for its ignored arguments. */
    static void pushDefault(InsnList code, Type type) {
        code.add(new InsnNode(switch (type.getSort()) {
            case Type.LONG -> Opcodes.LCONST_0;
            case Type.FLOAT -> Opcodes.FCONST_0;
            case Type.DOUBLE -> Opcodes.DCONST_0;
            case Type.OBJECT, Type.ARRAY -> Opcodes.ACONST_NULL;
            default -> Opcodes.ICONST_0;
        }));
    }

    static VarInsnNode load(Type type, int var) {
        return new VarInsnNode(type.getOpcode(Opcodes.ILOAD), var);
    }

    static VarInsnNode store(Type type, int var) {
        return new VarInsnNode(type.getOpcode(Opcodes.ISTORE), var);
    }

    private static String suffix(BasicValue value) {
        return switch (value.getType().getSort()) {
            case Type.LONG -> "Long";
            case Type.FLOAT -> "Float";
            case Type.DOUBLE -> "Double";
            case Type.OBJECT, Type.ARRAY -> "Ref";
            default -> "Int";
        };
    }
}
