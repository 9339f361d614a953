package io.zsync.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * Infers the types of locals and stack values, asking a {@link ClassHierarchy} instead of loading
 * classes. It infers, and does not verify: the input comes from a compiler, so reference
 * arguments are taken as assignable (that spares reading classes a merge never needs).
 */
final class HierarchyVerifier extends SimpleVerifier {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final ClassHierarchy hierarchy;

    HierarchyVerifier(ClassHierarchy hierarchy, ClassInfo currentClass) {
        super(Opcodes.ASM9, Type.getObjectType(currentClass.name),
                currentClass.superName == null ? null : Type.getObjectType(currentClass.superName),
                currentClass.interfaces.stream().map(Type::getObjectType).toList(), currentClass.isInterface);
        this.hierarchy = hierarchy;
    }

    /** Whether a value's type is the type of {@code null}, as the analysis names it. */
    static boolean isNull(BasicValue value) {
        return value.getType() != null && isNullType(value.getType());
    }

    @Override
    protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
        int sort = expected.getType() == null ? -1 : expected.getType().getSort();
        return sort == Type.OBJECT || sort == Type.ARRAY || super.isSubTypeOf(value, expected);
    }

    @Override
    protected boolean isInterface(Type type) {
        return type.getSort() == Type.OBJECT && hierarchy.isInterface(type.getInternalName());
    }

    @Override
    protected Type getSuperClass(Type type) {
        if (type.getSort() == Type.ARRAY) {
            return OBJECT;
        }
        String superName = hierarchy.get(type.getInternalName()).superName;
        return superName == null ? null : Type.getObjectType(superName);
    }

    @Override
    protected boolean isAssignableFrom(Type type, Type other) {
        if (type.equals(other) || type.equals(OBJECT) || isNullType(other)) {
            return true;
        }
        if (type.getSort() == Type.ARRAY) {
            if (other.getSort() != Type.ARRAY) {
                return false;
            }
            Type element = componentOf(type);
            Type otherElement = componentOf(other);
            boolean references = isReference(element) && isReference(otherElement);
            return references ? isAssignableFrom(element, otherElement) : element.equals(otherElement);
        }
        if (other.getSort() == Type.ARRAY) {
            String name = type.getInternalName();
            return name.equals("java/lang/Cloneable") || name.equals("java/io/Serializable");
        }
        return hierarchy.isSubtype(other.getInternalName(), type.getInternalName());
    }

    @Override
    protected Class<?> getClass(Type type) {
        throw new UnsupportedOperationException("the weaver reads class files, it never loads " + type);
    }

    private static boolean isNullType(Type type) {
        return type.getSort() == Type.OBJECT && type.getInternalName().equals("null");
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    private static Type componentOf(Type array) {
        return Type.getType(array.getDescriptor().substring(1));
    }
}
