package io.zsync.tck.corpus;

import io.zsync.Task;
import io.zsync.weaver.ClassBytesLookup;
import io.zsync.weaver.WeaveException;
import io.zsync.weaver.Weaver;
import io.zsync.weaver.harness.ChildFirstClassLoader;
import io.zsync.weaver.harness.CorpusShapes;
import io.zsync.weaver.harness.Leaf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * The weaver's corpus of method shapes, as published in zsync-weaver's test jar, with every
 * reference to {@link Leaf} turned into one to {@link IoLeaf}, plus a {@linkplain ShapeTasks task}
 * per shape: loaded twice, child-first, as compiled and woven in memory. The harness classes
 * ({@code LeafFailure}) and {@link IoLeaf} (woven by the build) stay with the test class loader.
 */
final class RemappedCorpus {

    private static final String CORPUS_PACKAGE = "io/zsync/weaver/corpus";

    private final ClassLoader unwoven;
    private final ClassLoader woven;

    private RemappedCorpus(ClassLoader unwoven, ClassLoader woven) {
        this.unwoven = unwoven;
        this.woven = woven;
    }

    /** Reads, remaps and weaves the corpus and the shapes' tasks. */
    static RemappedCorpus load() {
        Map<String, byte[]> classes = new HashMap<>();
        corpusClassFiles().forEach((name, bytes) -> classes.put(name, remapLeaf(bytes)));
        CorpusShapes.shapes().forEach(shape -> classes.put(ShapeTasks.internalName(shape), ShapeTasks.classFile(shape)));
        ClassLoader parent = RemappedCorpus.class.getClassLoader();
        Map<String, byte[]> wovenClasses = new HashMap<>(classes);
        try {
            wovenClasses.putAll(new Weaver(ClassBytesLookup.of(parent)).weave(classes).changedClasses());
        } catch (WeaveException e) {
            throw new AssertionError("the remapped corpus must weave", e);
        }
        return new RemappedCorpus(new ChildFirstClassLoader(classes, parent), new ChildFirstClassLoader(wovenClasses, parent));
    }

    /** A new task that runs {@code shape} (a method of {@link CorpusShapes#shapes()}), remapped and unwoven. */
    Task<?, ?> unwovenTask(Method shape) {
        return newTask(unwoven, shape);
    }

    /** A new task that runs {@code shape} (a method of {@link CorpusShapes#shapes()}), remapped and woven. */
    Task<?, ?> wovenTask(Method shape) {
        return newTask(woven, shape);
    }

    private static Task<?, ?> newTask(ClassLoader loader, Method shape) {
        try {
            String name = Type.getObjectType(ShapeTasks.internalName(shape)).getClassName();
            return (Task<?, ?>) loader.loadClass(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot create the task of " + shape, e);
        }
    }

    private static byte[] remapLeaf(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        SimpleRemapper leafToIoLeaf = new SimpleRemapper(Type.getInternalName(Leaf.class), Type.getInternalName(IoLeaf.class));
        new ClassReader(classFile).accept(new ClassRemapper(writer, leafToIoLeaf), 0);
        return writer.toByteArray();
    }

    /** The corpus package's class files, by internal name, from the jar (or directory) that holds them. */
    private static Map<String, byte[]> corpusClassFiles() {
        try {
            Path location = Path.of(CorpusShapes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return classFilesIn(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return classFilesIn(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> classFilesIn(Path root) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (Stream<Path> files = Files.list(root.resolve(CORPUS_PACKAGE))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CORPUS_PACKAGE + "/" + file.getFileName().toString();
                classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
            }
        }
        return classes;
    }
}
