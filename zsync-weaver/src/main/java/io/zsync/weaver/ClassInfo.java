package io.zsync.weaver;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the weaver needs to know of a class it does not rewrite: its place in the hierarchy, its
 * methods, and which of them carry {@code @Suspendable}.
 */
final class ClassInfo {

    final String name;
    /** {@code null} for {@code java/lang/Object}. */
    final String superName;
    final List<String> interfaces;
    final boolean isInterface;
    /** Access flags of the declared methods, by name + descriptor. */
    final Map<String, Integer> methods;
    /** The declared methods (name + descriptor) annotated {@code @Suspendable}. */
    final Set<String> suspendable;

    private ClassInfo(String name, String superName, List<String> interfaces, boolean isInterface,
            Map<String, Integer> methods, Set<String> suspendable) {
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
        this.isInterface = isInterface;
        this.methods = methods;
        this.suspendable = suspendable;
    }

    /** The key of a method within its class. */
    static String methodKey(String name, String descriptor) {
        return name + descriptor;
    }

    static ClassInfo of(ClassNode node) {
        Map<String, Integer> methods = new HashMap<>();
        Set<String> suspendable = new HashSet<>();
        for (MethodNode method : node.methods) {
            String key = methodKey(method.name, method.desc);
            methods.put(key, method.access);
            if (Annotations.has(method.invisibleAnnotations, Protocol.SUSPENDABLE_DESC)) {
                suspendable.add(key);
            }
        }
        return new ClassInfo(node.name, node.superName, List.copyOf(node.interfaces),
                (node.access & Opcodes.ACC_INTERFACE) != 0, methods, suspendable);
    }

    /** Reads the header and method declarations of a class file, skipping code. */
    static ClassInfo read(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        Map<String, Integer> methods = new HashMap<>();
        Set<String> suspendable = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                String key = methodKey(name, descriptor);
                methods.put(key, access);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                        if (annotation.equals(Protocol.SUSPENDABLE_DESC)) {
                            suspendable.add(key);
                        }
                        return null;
                    }
                };
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassInfo(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()),
                (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0, methods, suspendable);
    }
}
