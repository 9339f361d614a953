package io.zsync.weaver;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Rewrites suspendable methods into resumable state machines that save their frames into the
 * running {@code io.zsync.coroutine.Coroutine} when a call they make suspends, and restore them
 * when it resumes.
 *
 * <p>Classes are woven a build at a time: which methods are suspendable is computed over the
 * classes of the build together, and classes outside it (found through the {@link ClassBytesLookup}
 * given at construction, then the JDK's) are judged by their {@code @Suspendable} marks only. A
 * class already marked {@code @Woven} is left unchanged, so weaving twice changes nothing.
 *
 * <p>A weaver caches what it reads of classes outside the builds; it is safe for concurrent use,
 * as a load-time agent needs.
 */
public final class Weaver {

    private final ClassBytesLookup classpath;
    private final Map<String, Optional<ClassInfo>> outsideClasses = new ConcurrentHashMap<>();

    /**
     * @param classpath finds the classes the woven ones refer to: their supertypes, and the classes
     *                  of the methods they call
     */
    public Weaver(ClassBytesLookup classpath) {
        this.classpath = classpath.orElse(ClassBytesLookup.jdk());
    }

    /**
     * Weaves the classes of one build together.
     *
     * @param classes class file bytes by internal name ({@code com/example/Foo})
     * @return the rewritten classes and counts
     * @throws WeaveException if a class cannot be woven; no class is returned half-woven
     */
    public WeaveResult weave(Map<String, byte[]> classes) throws WeaveException {
        Map<String, ClassNode> build = new LinkedHashMap<>();
        Map<String, ClassInfo> buildInfos = new HashMap<>();
        for (byte[] bytes : classes.values()) {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
            build.put(node.name, node);
            buildInfos.put(node.name, ClassInfo.of(node));
        }
        ClassHierarchy hierarchy = new ClassHierarchy(name -> {
            ClassInfo inBuild = buildInfos.get(name);
            return inBuild != null ? inBuild : outside(name);
        });
        String current = null;
        try {
            SuspendableMethods rule = new SuspendableMethods(hierarchy, build);
            ClassWeaver weaver = new ClassWeaver(hierarchy, rule);
            Map<String, byte[]> changed = new LinkedHashMap<>();
            int wovenMethods = 0;
            for (ClassNode node : build.values()) {
                current = node.name;
                int rewritten = weaver.weave(node);
                if (rewritten >= 0) {
                    HierarchyClassWriter writer = new HierarchyClassWriter(hierarchy);
                    node.accept(writer);
                    changed.put(node.name, writer.toByteArray());
                    wovenMethods += rewritten;
                }
            }
            return new WeaveResult(changed, classes.size(), wovenMethods, UnwovenCalls.find(build.values(), rule));
        } catch (TypeNotPresentException missing) {
            throw new WeaveException("cannot find class " + missing.typeName()
                    + (current == null ? "" : " (needed to weave " + current.replace('/', '.') + ")")
                    + ": put it on the weaver's class path", missing);
        }
    }

    /**
     * Weaves a class on its own, as a load-time agent does: the classes it calls are judged by
     * their marks, so the classes of its build should be woven, or marked, already.
     *
     * @param classFile the class file's bytes
     * @return the rewritten class file, or {@code classFile} itself if the class is unchanged
     * @throws WeaveException if the class cannot be woven
     */
    public byte[] weaveOne(byte[] classFile) throws WeaveException {
        String name = new ClassReader(classFile).getClassName();
        byte[] woven = weave(Map.of(name, classFile)).changedClasses().get(name);
        return woven != null ? woven : classFile;
    }

    private ClassInfo outside(String name) {
        return outsideClasses.computeIfAbsent(name, n -> Optional.ofNullable(classpath.find(n)).map(ClassInfo::read))
                .orElse(null);
    }
}
