package io.zsync.weaver.harness;

import java.util.Map;

/**
 * Defines the given classes itself, even those its parent knows, and delegates the rest to its
 * parent: how a test loads a woven (or remapped) twin of classes its own class loader holds too.
 */
public final class ChildFirstClassLoader extends ClassLoader {

    private final Map<String, byte[]> classes;

    /** @param classes class file bytes by internal name */
    public ChildFirstClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super(parent);
        this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] bytes = classes.get(name.replace('.', '/'));
        if (bytes == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
        }
    }
}
