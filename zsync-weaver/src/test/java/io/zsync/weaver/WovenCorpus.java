package io.zsync.weaver;

import io.zsync.weaver.corpus.LocalShapes;
import io.zsync.weaver.harness.ChildFirstClassLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The corpus package woven in memory, once for all tests, and loaded child-first: the original
 * classes stay with the test class loader, the woven ones live in {@link #loader}.
 */
final class WovenCorpus {

    static final WovenCorpus INSTANCE = weave();

    /** The corpus's class files as compiled, by internal name. */
    final Map<String, byte[]> original;
    final WeaveResult result;
    final ClassLoader loader;

    private WovenCorpus(Map<String, byte[]> original, WeaveResult result) {
        this.original = original;
        this.result = result;
        Map<String, byte[]> loaded = new HashMap<>(original);
        loaded.putAll(result.changedClasses());
        this.loader = new ChildFirstClassLoader(loaded, WovenCorpus.class.getClassLoader());
    }

    /** A weaver that sees what the tests see: the harness's leaves, the protocol, the JDK. */
    static Weaver newWeaver() {
        return new Weaver(ClassBytesLookup.of(WovenCorpus.class.getClassLoader()));
    }

    /** The woven twin of a corpus class. */
    Class<?> woven(Class<?> original) {
        try {
            return loader.loadClass(original.getName());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** The class files of one package of the test classes, by internal name. */
    static Map<String, byte[]> classesOf(String packageName) {
        try {
            Path root = Path.of(LocalShapes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Map<String, byte[]> classes = new HashMap<>();
            try (Stream<Path> files = Files.list(root.resolve(packageName.replace('.', '/')))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace('\\', '/');
                    classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WovenCorpus weave() {
        Map<String, byte[]> original = classesOf("io.zsync.weaver.corpus");
        try {
            return new WovenCorpus(original, newWeaver().weave(original));
        } catch (WeaveException e) {
            throw new AssertionError("the corpus must weave", e);
        }
    }
}
