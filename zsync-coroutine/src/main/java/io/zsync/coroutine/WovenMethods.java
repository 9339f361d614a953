package io.zsync.coroutine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The woven methods of the classes initialised so far, by method number: what the frames a
 * suspended coroutine saved mean, for {@link Coroutine#suspendedAt()}. The zsync weaver writes a
 * call to {@link #register} per woven method at the start of its class's static initialiser, so
 * a method is registered before it can run; nothing is recorded on the paths that enter, suspend
 * or resume a method.
 *
 * <p>Thread-safe. Only names, numbers and line tables are kept, never a {@code Class}: the
 * registry does not keep a class loader alive.
 */
public final class WovenMethods {

    private static final ConcurrentMap<Integer, WovenMethod> BY_ID = new ConcurrentHashMap<>();

    private WovenMethods() {}

    /**
     * Registers a woven method; for the static initialisers the zsync weaver writes, nothing else
     * should call it. Registering the same method again (its class loaded by another class loader)
     * changes nothing; two different methods with the same number (a hash collision, or two
     * versions of a class) make that number unknown, as if neither were registered.
     *
     * @param methodId         the method's number, as given to {@link Coroutine#enter}
     * @param className        the binary name of the method's class ({@code com.example.Foo$Bar})
     * @param methodName       the method's name
     * @param sourceFile       the class's source file name, or {@code null} if it was compiled without
     * @param lineByState      the source line of each suspend point's call, by state; -1 where unknown.
     *                         Kept as given: the caller must not change it afterwards
     * @param primSlotsByState how many primitive slots the frame saved at each state occupies, its
     *                         header included: what a walk over the saved frames skips to find the
     *                         next header. Kept as given
     * @throws IllegalArgumentException if the two arrays differ in length
     */
    public static void register(int methodId, String className, String methodName, String sourceFile,
            int[] lineByState, int[] primSlotsByState) {
        WovenMethod method = new WovenMethod(className, methodName, sourceFile, lineByState, primSlotsByState);
        BY_ID.merge(methodId, method, (known, added) -> known.sameAs(added) ? known : WovenMethod.AMBIGUOUS);
    }

    /** Whether {@code frame} runs a woven method: one registered under its number, with its names. */
    static boolean isWoven(StackWalker.StackFrame frame) {
        String internalName = frame.getClassName().replace('.', '/');
        WovenMethod method = find((internalName + "." + frame.getMethodName() + frame.getDescriptor()).hashCode());
        return method != null && method.isNamed(frame.getClassName(), frame.getMethodName());
    }

    /** The method registered under {@code methodId}, or {@code null} if none, or more than one, is. */
    static WovenMethod find(int methodId) {
        WovenMethod method = BY_ID.get(methodId);
        return method == WovenMethod.AMBIGUOUS ? null : method;
    }
}
