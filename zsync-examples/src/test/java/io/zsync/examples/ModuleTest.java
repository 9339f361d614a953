package io.zsync.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zsync.Io;
import org.junit.jupiter.api.Test;

/** These tests run on the module path, patched into {@code io.zsync.examples}, as a JPMS project's tests do. */
class ModuleTest {

    @Test
    void testsRunInTheExamplesModule() {
        assertEquals("io.zsync.examples", getClass().getModule().getName(),
                "the tests run on the class path: surefire's useModulePath is off");
        assertEquals("io.zsync", Io.class.getModule().getName());
        assertEquals("com.fasterxml.jackson.databind",
                com.fasterxml.jackson.databind.ObjectMapper.class.getModule().getName());
    }
}
