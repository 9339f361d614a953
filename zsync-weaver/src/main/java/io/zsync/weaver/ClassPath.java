package io.zsync.weaver;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A {@link ClassBytesLookup} over class path entries: directories of class files and jars,
 * searched in order. Entries that do not exist are ignored, as the JVM ignores them. Close it to
 * close the jars it opened.
 */
public final class ClassPath implements ClassBytesLookup, Closeable {

    private final List<Path> directories = new ArrayList<>();
    private final List<ZipFile> jars = new ArrayList<>();

    /**
     * @param entries directories and jar files, in class path order
     * @throws IOException if a jar cannot be opened
     */
    public ClassPath(List<Path> entries) throws IOException {
        try {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    directories.add(entry);
                } else if (Files.isRegularFile(entry)) {
                    jars.add(new ZipFile(entry.toFile()));
                }
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public byte[] find(String internalName) {
        String file = internalName + ".class";
        try {
            for (Path directory : directories) {
                Path candidate = directory.resolve(file);
                if (Files.isRegularFile(candidate)) {
                    return Files.readAllBytes(candidate);
                }
            }
            for (ZipFile jar : jars) {
                ZipEntry entry = jar.getEntry(file);
                if (entry != null) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        return in.readAllBytes();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class " + internalName, e);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (ZipFile jar : jars) {
            try {
                jar.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        jars.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
