package io.zsync.weaver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classes of a JDK named by its home, as the Maven plugin reads the toolchain's. */
class JdkClassesTest {

    private static final Path HOME = Path.of(System.getProperty("java.home"));

    @Test
    void reads_a_class_of_any_module_as_the_running_jdk_has_it() throws IOException {
        try (JdkClasses jdk = new JdkClasses(HOME)) {
            assertArrayEquals(runningJdk("java/lang/String"), jdk.find("java/lang/String"));
            assertArrayEquals(runningJdk("java/net/spi/InetAddressResolverProvider"),
                    jdk.find("java/net/spi/InetAddressResolverProvider"));
            assertTrue(jdk.find("jdk/jfr/Event").length > 0, "a class of another module");
        }
    }

    @Test
    void knows_nothing_of_classes_outside_the_jdk() throws IOException {
        try (JdkClasses jdk = new JdkClasses(HOME)) {
            assertNull(jdk.find("com/example/Missing"));
            assertNull(jdk.find("java/lang/NoSuchClass"));
            assertNull(jdk.find("NoPackage"));
        }
    }

    @Test
    void a_directory_that_is_not_a_jdk_home_is_a_clear_error(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> new JdkClasses(dir));
        assertTrue(e.getMessage().contains("is not a JDK home"), e.getMessage());
    }

    private static byte[] runningJdk(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
