package io.zsync.weaver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The rule that says which methods are suspendable and which calls are suspend points (it is
 * documented on {@code io.zsync.coroutine.Suspendable}; keep the two consistent).
 *
 * <p>A method is suspendable if it is annotated {@code @Suspendable} or overrides a suspendable
 * method; if its body calls a suspendable method; or, for the classes of the build, if a method
 * of the build that overrides it is suspendable. Classes outside the build are judged by their
 * marks only. The methods of the build are computed together, to the least fixpoint.
 *
 * <p>A call is a suspend point if the method it resolves to is suspendable, or if that method is
 * outside the build and a suspendable method of the build overrides it: a call through a JDK type
 * ({@code WritableByteChannel.write}, {@code AutoCloseable.close}) may reach the build's own
 * implementation, which suspends. That outside method is not made suspendable itself: the other
 * implementations of {@code AutoCloseable.close} in the build stay as they are.
 */
final class SuspendableMethods {

    private final ClassHierarchy hierarchy;
    private final Map<String, ClassNode> build;
    /** Build methods found suspendable, as {@code owner.name+descriptor}. */
    private final Set<String> suspendable = new HashSet<>();
    /** Build methods marked {@code @NeverSuspends}: never suspendable, whatever they call. */
    private final Set<String> neverSuspending = new HashSet<>();
    /** Memo for classes outside the build. */
    private final Map<String, Boolean> outside = new HashMap<>();
    /** The build methods that override each method of a class outside the build, keyed by the latter. */
    private final Map<String, List<String>> buildOverriders = new HashMap<>();

    SuspendableMethods(ClassHierarchy hierarchy, Map<String, ClassNode> build) {
        this.hierarchy = hierarchy;
        this.build = build;
        computeFixpoint();
    }

    /** Whether the method declared as {@code owner.name+descriptor} is suspendable. */
    boolean isSuspendable(String owner, String name, String descriptor) {
        if (build.containsKey(owner)) {
            return suspendable.contains(key(owner, name, descriptor));
        }
        return outside.computeIfAbsent(key(owner, name, descriptor), k -> isMarkedOrOverridesMarked(owner, name, descriptor));
    }

    /**
     * Whether a call is a suspend point: the method it resolves to is suspendable. A call into a
     * class that is not on the class path cannot be judged, and is taken as not suspending.
     */
    boolean isSuspendPoint(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode call) || call.owner.startsWith("[") || call.name.equals("<init>")) {
            return false;
        }
        try {
            String declarer = resolve(call.owner, ClassInfo.methodKey(call.name, call.desc));
            return declarer != null && (isSuspendable(declarer, call.name, call.desc)
                    || hasSuspendableBuildOverrider(declarer, call.name, call.desc));
        } catch (TypeNotPresentException unknownClass) {
            return false;
        }
    }

    /** Whether the build method {@code owner.name+descriptor} is marked {@code @NeverSuspends}. */
    boolean isMarkedNeverSuspending(String owner, String name, String descriptor) {
        return neverSuspending.contains(key(owner, name, descriptor));
    }

    /**
     * Whether the method declared as {@code owner.name+descriptor}, in a class outside the build,
     * is overridden by a suspendable method of the build: a call through it may suspend.
     */
    boolean hasSuspendableBuildOverrider(String owner, String name, String descriptor) {
        return buildOverriders.getOrDefault(key(owner, name, descriptor), List.of()).stream().anyMatch(suspendable::contains);
    }

    /** The suspendable build methods that override the outside method {@code owner.name+descriptor}. */
    List<String> suspendableBuildOverriders(String owner, String name, String descriptor) {
        return buildOverriders.getOrDefault(key(owner, name, descriptor), List.of()).stream()
                .filter(suspendable::contains).toList();
    }

    /**
     * The class that declares the method a call to {@code owner.member} resolves to: the owner,
     * then its superclasses, then its interfaces. {@code null} if none is found.
     */
    private String resolve(String owner, String member) {
        if (hierarchy.get(owner).methods.containsKey(member)) {
            return owner;
        }
        for (String supertype : hierarchy.supertypes(owner)) {
            if (hierarchy.get(supertype).methods.containsKey(member)) {
                return supertype;
            }
        }
        return null;
    }

    private void computeFixpoint() {
        Map<String, List<MethodInsnNode>> calls = new HashMap<>();
        Map<String, List<String>> overriders = new HashMap<>();
        for (ClassNode node : build.values()) {
            for (MethodNode method : node.methods) {
                String key = key(node.name, method.name, method.desc);
                calls.put(key, callsIn(method));
                if (Annotations.has(method.invisibleAnnotations, Protocol.NEVER_SUSPENDS_DESC)) {
                    neverSuspending.add(key);
                } else if (Annotations.has(method.invisibleAnnotations, Protocol.SUSPENDABLE_DESC)) {
                    suspendable.add(key);
                }
                if (canOverride(method.access, method.name)) {
                    for (String supertype : hierarchy.supertypes(node.name)) {
                        if (build.containsKey(supertype)) {
                            overriders.computeIfAbsent(key(supertype, method.name, method.desc), k -> new ArrayList<>()).add(key);
                        } else if (declaresOverridable(supertype, method)) {
                            buildOverriders.computeIfAbsent(key(supertype, method.name, method.desc), k -> new ArrayList<>()).add(key);
                        }
                    }
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ClassNode node : build.values()) {
                for (MethodNode method : node.methods) {
                    String key = key(node.name, method.name, method.desc);
                    if (!suspendable.contains(key) && !neverSuspending.contains(key)
                            && (overridesSuspendable(node.name, method)
                                    || calls.get(key).stream().anyMatch(this::isSuspendPoint)
                                    || overriders.getOrDefault(key, List.of()).stream().anyMatch(suspendable::contains))) {
                        suspendable.add(key);
                        changed = true;
                    }
                }
            }
        }
    }

    private boolean overridesSuspendable(String owner, MethodNode method) {
        if (!canOverride(method.access, method.name)) {
            return false;
        }
        String member = ClassInfo.methodKey(method.name, method.desc);
        for (String supertype : hierarchy.supertypes(owner)) {
            Integer access = hierarchy.get(supertype).methods.get(member);
            if (access != null && canOverride(access, method.name) && isSuspendable(supertype, method.name, method.desc)) {
                return true;
            }
        }
        return false;
    }

    private boolean declaresOverridable(String owner, MethodNode method) {
        Integer access = hierarchy.get(owner).methods.get(ClassInfo.methodKey(method.name, method.desc));
        return access != null && canOverride(access, method.name);
    }

    private boolean isMarkedOrOverridesMarked(String owner, String name, String descriptor) {
        ClassInfo info = hierarchy.get(owner);
        String member = ClassInfo.methodKey(name, descriptor);
        if (info.suspendable.contains(member)) {
            return true;
        }
        Integer access = info.methods.get(member);
        if (access == null || !canOverride(access, name)) {
            return false;
        }
        for (String supertype : hierarchy.supertypes(owner)) {
            ClassInfo superInfo = hierarchy.get(supertype);
            Integer superAccess = superInfo.methods.get(member);
            if (superAccess != null && canOverride(superAccess, name) && superInfo.suspendable.contains(member)) {
                return true;
            }
        }
        return false;
    }

    private static List<MethodInsnNode> callsIn(MethodNode method) {
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call) {
                calls.add(call);
            }
        }
        return calls;
    }

    private static boolean canOverride(int access, String name) {
        return (access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0 && !name.startsWith("<");
    }

    private static String key(String owner, String name, String descriptor) {
        return owner + "." + name + descriptor;
    }
}
