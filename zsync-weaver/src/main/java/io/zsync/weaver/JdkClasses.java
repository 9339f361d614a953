package io.zsync.weaver;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The classes of an installed JDK, read from its run-time image through a {@code jrt:} file
 * system opened for that JDK's home: the weaver then sees the JDK the code is compiled for (a
 * build's toolchain), not only the one that runs it, which may be older and lack classes the
 * code uses. Not thread-safe to close while in use.
 */
public final class JdkClasses implements ClassBytesLookup, Closeable {

    private final FileSystem image;
    /** The modules of each package, by package (internal name, {@code java/net/spi}). */
    private final Map<String, List<String>> modulesByPackage = new ConcurrentHashMap<>();

    /**
     * Opens the run-time image of the JDK at {@code javaHome}.
     *
     * @throws IOException if {@code javaHome} holds no JDK run-time image
     */
    public JdkClasses(Path javaHome) throws IOException {
        if (!Files.isRegularFile(javaHome.resolve("lib").resolve("modules"))) {
            throw new IOException(javaHome + " is not a JDK home: it has no lib/modules run-time image");
        }
        image = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", javaHome.toString()));
    }

    @Override
    public byte[] find(String internalName) {
        int slash = internalName.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        for (String module : modulesOf(internalName.substring(0, slash))) {
            Path file = image.getPath("/modules", module, internalName + ".class");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read class " + internalName + " from " + file, e);
                }
            }
        }
        return null;
    }

    private List<String> modulesOf(String packageName) {
        return modulesByPackage.computeIfAbsent(packageName, name -> {
            Path links = image.getPath("/packages", name.replace('/', '.'));
            if (!Files.isDirectory(links)) {
                return List.of();
            }
            try (Stream<Path> modules = Files.list(links)) {
                return modules.map(module -> module.getFileName().toString()).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the modules of package " + name, e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        image.close();
    }
}
