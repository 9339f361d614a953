package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.tck.unwoven.SpawnsInConstructor;
import io.zsync.weaver.ClassBytesLookup;
import io.zsync.weaver.WeaveException;
import io.zsync.weaver.Weaver;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Which spawns the weaver lets a constructor make, judged against zsync-core as it is woven:
 * {@code io.concurrent} never runs the task inline, so it cannot suspend its caller; {@code io.async}
 * may, so it can.
 */
class SpawnInConstructorWeavingTest {

    @Test
    void aConstructorMayStartAConcurrentTask() throws Exception {
        new Weaver(ClassBytesLookup.of(getClass().getClassLoader())).weaveOne(classFile(SpawnsInConstructor.Concurrent.class));
    }

    @Test
    void aConstructorThatMayRunATaskInlineIsRefused() throws Exception {
        byte[] classFile = classFile(SpawnsInConstructor.Async.class);
        WeaveException e = assertThrows(WeaveException.class,
                () -> new Weaver(ClassBytesLookup.of(getClass().getClassLoader())).weaveOne(classFile));
        assertTrue(e.getMessage().contains("constructor") && e.getMessage().contains("async"), e.getMessage());
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName().isEmpty() ? null
                : type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }
}
