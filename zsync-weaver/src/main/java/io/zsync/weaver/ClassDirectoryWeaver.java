package io.zsync.weaver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;

/**
 * Weaves a directory of class files in place, as one build: what the Maven plugin and
 * {@link Main} do.
 */
public final class ClassDirectoryWeaver {

    private ClassDirectoryWeaver() {}

    /**
     * Weaves every class file under {@code classesDirectory} and writes back those that changed,
     * reading the JDK's classes from the JDK that runs the weaver. Nothing is written if any class
     * cannot be woven.
     *
     * @param classesDirectory the build's output directory
     * @param classpath        the class path the classes were compiled against: directories and jars
     * @return what changed
     * @throws IOException    if a class file cannot be read or written
     * @throws WeaveException if a class cannot be woven
     */
    public static WeaveResult weaveInPlace(Path classesDirectory, List<Path> classpath) throws IOException, WeaveException {
        return weaveInPlace(classesDirectory, classpath, null);
    }

    /**
     * Like {@link #weaveInPlace(Path, List)}, reading the JDK's classes from the JDK at
     * {@code jdkHome} (the one the classes were compiled for), then from the one that runs the
     * weaver; {@code null} for only the latter.
     *
     * @throws IOException if {@code jdkHome} is not a JDK home, or a class file cannot be read or written
     */
    public static WeaveResult weaveInPlace(Path classesDirectory, List<Path> classpath, Path jdkHome)
            throws IOException, WeaveException {
        return weaveInPlace(classesDirectory, classpath, jdkHome, List.of());
    }

    /**
     * Like {@link #weaveInPlace(Path, List, Path)}, leaving out of the build the class files whose
     * path under {@code classesDirectory} matches one of the glob patterns {@code excludes}
     * ({@code com/example/legacy/**}, {@code **}{@code /Generated*.class}): they are not woven, and
     * are judged by their {@code @Suspendable} marks as classes of another build are.
     */
    public static WeaveResult weaveInPlace(Path classesDirectory, List<Path> classpath, Path jdkHome,
            List<String> excludes) throws IOException, WeaveException {
        List<PathMatcher> excluded = excludes.stream()
                .map(glob -> classesDirectory.getFileSystem().getPathMatcher("glob:" + glob))
                .toList();
        Map<String, byte[]> classes = new HashMap<>();
        Map<String, Path> files = new HashMap<>();
        for (Path file : classFiles(classesDirectory)) {
            Path relative = classesDirectory.relativize(file);
            if (excluded.stream().anyMatch(matcher -> matcher.matches(relative))) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            String name = new ClassReader(bytes).getClassName();
            classes.put(name, bytes);
            files.put(name, file);
        }
        List<Path> lookup = new ArrayList<>();
        lookup.add(classesDirectory);
        lookup.addAll(classpath);
        WeaveResult result;
        try (ClassPath path = new ClassPath(lookup); JdkClasses jdk = jdkHome == null ? null : new JdkClasses(jdkHome)) {
            result = new Weaver(jdk == null ? path : path.orElse(jdk)).weave(classes);
        }
        for (Map.Entry<String, byte[]> changed : result.changedClasses().entrySet()) {
            Files.write(files.get(changed.getKey()), changed.getValue());
        }
        return result;
    }

    private static List<Path> classFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p))
                    .filter(p -> !p.getFileName().toString().equals("module-info.class"))
                    .toList();
        }
    }
}
