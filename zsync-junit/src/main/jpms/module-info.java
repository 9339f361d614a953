/**
 * JUnit Jupiter support for code that uses zsync: {@link io.zsync.junit.LeakCheck} fails a test
 * that leaked. A test dependency, on the class path or the module path.
 */
module io.zsync.junit {
    exports io.zsync.junit;

    requires io.zsync;
    requires transitive org.junit.jupiter.api;

    // Auto-detection on the module path (META-INF/services does it on the class path).
    provides org.junit.jupiter.api.extension.Extension with io.zsync.junit.LeakCheck;
}
