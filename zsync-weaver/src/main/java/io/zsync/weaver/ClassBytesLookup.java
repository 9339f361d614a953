package io.zsync.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Finds the bytes of a class file by the class's internal name ({@code java/lang/String}), so
 * that the weaver can read the class hierarchy and {@code @Suspendable} marks without loading
 * any class.
 */
@FunctionalInterface
public interface ClassBytesLookup {

    /**
     * @param internalName a class's internal name, such as {@code java/util/List}
     * @return the class file's bytes, or {@code null} if this lookup does not know the class
     * @throws UncheckedIOException if the class exists but cannot be read
     */
    byte[] find(String internalName);

    /** This lookup, then {@code next} for the classes this one does not know. */
    default ClassBytesLookup orElse(ClassBytesLookup next) {
        return name -> {
            byte[] bytes = find(name);
            return bytes != null ? bytes : next.find(name);
        };
    }

    /** The classes of a map from internal name to class file bytes. */
    static ClassBytesLookup of(Map<String, byte[]> classes) {
        return classes::get;
    }

    /**
     * The class files that {@code loader} sees as resources; the system class loader's if
     * {@code loader} is {@code null} (the bootstrap loader).
     */
    static ClassBytesLookup of(ClassLoader loader) {
        return name -> {
            String resource = name + ".class";
            try (InputStream in = loader == null
                    ? ClassLoader.getSystemResourceAsStream(resource)
                    : loader.getResourceAsStream(resource)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read class " + name, e);
            }
        };
    }

    /** The classes of the JDK that runs the weaver (through the {@code jrt:} file system). */
    static ClassBytesLookup jdk() {
        return of((ClassLoader) null);
    }
}
