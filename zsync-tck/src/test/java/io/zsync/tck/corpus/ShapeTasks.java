package io.zsync.tck.corpus;

import java.lang.reflect.Method;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes, for each shape, a class implementing {@code io.zsync.Task} whose {@code run()} calls the
 * shape and returns its result, boxed ({@code null} for {@code void}). A task must call a shape
 * directly: called through reflection, which is not woven, a shape could not suspend. Written with
 * the corpus and woven with it, the tasks are exactly as woven as the shapes they call.
 */
final class ShapeTasks {

    private static final String TASK = "io/zsync/Task";
    private static final String PACKAGE = "io/zsync/tck/corpus/tasks/";

    private ShapeTasks() {}

    /** The internal name of the task class that runs {@code shape}. */
    static String internalName(Method shape) {
        return PACKAGE + shape.getDeclaringClass().getSimpleName() + "$" + shape.getName();
    }

    /** The class file of the task that runs {@code shape}, a public static no-argument method. */
    static byte[] classFile(Method shape) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName(shape), null,
                "java/lang/Object", new String[] {TASK});
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor run = writer.visitMethod(Opcodes.ACC_PUBLIC, "run", "()Ljava/lang/Object;", null, null);
        run.visitCode();
        run.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(shape.getDeclaringClass()), shape.getName(),
                Type.getMethodDescriptor(shape), false);
        box(run, Type.getReturnType(shape));
        run.visitInsn(Opcodes.ARETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Turns the value of type {@code type} on top of the stack into an object. */
    private static void box(MethodVisitor method, Type type) {
        switch (type.getSort()) {
            case Type.VOID -> method.visitInsn(Opcodes.ACONST_NULL);
            case Type.OBJECT, Type.ARRAY -> { }
            default -> {
                String wrapper = wrapperOf(type);
                method.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                        Type.getMethodDescriptor(Type.getObjectType(wrapper), type), false);
            }
        }
    }

    private static String wrapperOf(Type primitive) {
        return switch (primitive.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> throw new IllegalArgumentException("not a primitive type: " + primitive);
        };
    }
}
