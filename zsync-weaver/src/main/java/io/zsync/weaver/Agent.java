package io.zsync.weaver;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A Java agent that weaves classes as they load: {@code -javaagent:zsync-weaver.jar} (ASM's jars
 * next to it), or attached to a running JVM (classes loaded before are not rewoven).
 *
 * <p>Each class is woven on its own ({@link Weaver#weaveOne}), against what its class loader
 * sees. JDK classes, ASM, the weaver itself, the coroutine protocol and classes already woven at
 * build time are left alone. A class that cannot be woven is reported on stderr, with its name and
 * the reason, and loads unchanged.
 */
public final class Agent {

    private static final String[] SKIPPED_PREFIXES = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "org/objectweb/asm/", Protocol.PACKAGE,
    };
    /** The agent's own package, not its subpackages: loading the transformer must not run it. */
    private static final String OWN_PACKAGE = Agent.class.getPackageName().replace('.', '/') + "/";

    private Agent() {}

    /** Entry point of {@code -javaagent}. */
    public static void premain(String options, Instrumentation instrumentation) {
        instrumentation.addTransformer(new Transformer());
    }

    /** Entry point of a dynamic attach. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        premain(options, instrumentation);
    }

    /** Whether the agent leaves a class alone without reading it. */
    static boolean isSkipped(String className) {
        if (className == null) {
            return true; // a hidden class, such as a lambda's: it only forwards to a woven method
        }
        if (className.startsWith(OWN_PACKAGE) && className.indexOf('/', OWN_PACKAGE.length()) < 0) {
            return true;
        }
        for (String prefix : SKIPPED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static final class Transformer implements ClassFileTransformer {

        /** One weaver per class loader, so that each caches what its loader sees. */
        private final Map<ClassLoader, Weaver> weavers = Collections.synchronizedMap(new WeakHashMap<>());

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                ProtectionDomain domain, byte[] classFile) {
            if (loader == null || isSkipped(className)) {
                return null;
            }
            try {
                Weaver weaver = weavers.computeIfAbsent(loader, l -> new Weaver(ClassBytesLookup.of(l)));
                byte[] woven = weaver.weaveOne(classFile);
                return woven == classFile ? null : woven;
            } catch (WeaveException | RuntimeException | LinkageError e) {
                System.err.println("zsync weaver: " + className.replace('/', '.') + " left unwoven: " + e.getMessage());
                return null;
            }
        }
    }
}
