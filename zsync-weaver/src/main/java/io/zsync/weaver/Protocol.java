package io.zsync.weaver;

/**
 * The names of the run-time protocol (module {@code io.zsync.coroutine}) that woven code calls.
 * The weaver names them by string so that it does not depend on that module.
 */
final class Protocol {

    /** The package whose classes implement the protocol by hand: never woven. */
    static final String PACKAGE = "io/zsync/coroutine/";
    static final String COROUTINE = PACKAGE + "Coroutine";
    static final String COROUTINE_DESC = "L" + COROUTINE + ";";
    static final String SUSPENDABLE_DESC = "L" + PACKAGE + "Suspendable;";
    static final String NEVER_SUSPENDS_DESC = "L" + PACKAGE + "NeverSuspends;";
    static final String WOVEN_DESC = "L" + PACKAGE + "Woven;";
    static final String WOVEN_FRAME_DESC = "L" + PACKAGE + "WovenFrame;";
    /** Where a woven class's static initialiser registers its woven methods. */
    static final String WOVEN_METHODS = PACKAGE + "WovenMethods";

    /**
     * The output format this weaver writes, recorded in {@code @Woven(format)}. 3: a woven class
     * registers its woven methods with {@code WovenMethods} when it is initialised.
     */
    static final int FORMAT = 3;

    private Protocol() {}
}
