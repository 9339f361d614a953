package io.zsync.weaver;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/** The agent's transformer: weaves what it can, reports and leaves alone what it cannot. */
class AgentTest {

    private final Agent.Transformer transformer = new Agent.Transformer();
    private final ClassLoader loader = AgentTest.class.getClassLoader();

    @Test
    void weavesAClassAsItLoads() {
        String name = "io/zsync/weaver/corpus/LocalShapes";
        byte[] woven = transformer.transform(loader, name, null, null, WovenCorpus.INSTANCE.original.get(name));
        assertNotNull(woven);
        ClassNode node = new ClassNode();
        new ClassReader(woven).accept(node, ClassReader.SKIP_CODE);
        assertTrue(Annotations.has(node.visibleAnnotations, Protocol.WOVEN_DESC));
        assertNull(transformer.transform(loader, name, null, null, woven), "woven already");
    }

    @Test
    void skipsTheJdkAndHiddenClasses() {
        assertTrue(Agent.isSkipped("java/lang/String"));
        assertTrue(Agent.isSkipped("org/objectweb/asm/ClassReader"));
        assertTrue(Agent.isSkipped("io/zsync/weaver/Weaver"));
        assertTrue(Agent.isSkipped(null));
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void reportsAClassItCannotWeaveAndLeavesItUnchanged() {
        String name = "io/zsync/weaver/refused/SynchronizedMethod";
        Map<String, byte[]> refused = WovenCorpus.classesOf("io.zsync.weaver.refused");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertNull(transformer.transform(loader, name, null, null, refused.get(name)));
        } finally {
            System.setErr(original);
        }
        String report = err.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("io.zsync.weaver.refused.SynchronizedMethod left unwoven")
                && report.contains("holds a monitor"), report);
    }
}
