package io.zsync.weaver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.coroutine.Woven;
import io.zsync.coroutine.WovenFrame;
import io.zsync.weaver.corpus.FrameSizes;
import io.zsync.weaver.corpus.ObjectShapes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/** What the weaver writes: verifiable classes, marks, frame sizes, and nothing new on a second pass. */
class WovenClassesTest {

    private static final WovenCorpus CORPUS = WovenCorpus.INSTANCE;

    @Test
    void everyWovenClassVerifies() {
        assertTrue(CORPUS.result.changedClasses().size() >= 10, CORPUS.result.summary());
        for (Map.Entry<String, byte[]> woven : CORPUS.result.changedClasses().entrySet()) {
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(woven.getValue()), CORPUS.loader, false, new PrintWriter(problems));
            assertEquals("", problems.toString(), woven.getKey());
        }
    }

    @Test
    void weavingTwiceChangesNothing() throws WeaveException {
        Weaver weaver = WovenCorpus.newWeaver();
        for (byte[] woven : CORPUS.result.changedClasses().values()) {
            assertSame(woven, weaver.weaveOne(woven));
        }
        assertTrue(weaver.weave(CORPUS.result.changedClasses()).changedClasses().isEmpty());
    }

    @Test
    void weavingIsDeterministic() throws WeaveException {
        Map<String, byte[]> again = WovenCorpus.newWeaver().weave(CORPUS.original).changedClasses();
        assertEquals(CORPUS.result.changedClasses().keySet(), again.keySet());
        again.forEach((name, bytes) -> assertArrayEquals(CORPUS.result.changedClasses().get(name), bytes, name));
    }

    @Test
    void framesAreSizedAtWeaveTime() throws NoSuchMethodException {
        Class<?> woven = CORPUS.woven(FrameSizes.class);
        assertFrame(woven.getMethod("oneInt", int.class).getAnnotation(WovenFrame.class), 1, 0, 2);
        assertFrame(woven.getMethod("mixed", String.class, long.class).getAnnotation(WovenFrame.class), 1, 1, 3);
        assertFrame(woven.getMethod("instance", StringBuilder.class).getAnnotation(WovenFrame.class), 2, 1, 2);
    }

    @Test
    void aReceiverLoadedFromALocalIsSavedOnce() throws NoSuchMethodException {
        Class<?> woven = CORPUS.woven(FrameSizes.class);
        Class<?> parker = CORPUS.woven(FrameSizes.Parker.class);
        assertFrame(woven.getMethod("parkLoop", parker, long.class).getAnnotation(WovenFrame.class), 1, 1, 3);
        assertFrame(woven.getMethod("parkOnce", long.class).getAnnotation(WovenFrame.class), 1, 1, 1);
        assertFrame(parker.getMethod("parkSelf", long.class).getAnnotation(WovenFrame.class), 1, 0, 3);
    }

    @Test
    void wovenClassesAreMarked() {
        Class<?> woven = CORPUS.woven(FrameSizes.class);
        assertEquals(3, woven.getAnnotation(Woven.class).format());
        assertFalse(CORPUS.result.changedClasses().containsKey("io/zsync/weaver/corpus/Task"),
                "Task.run was marked already: nothing to change");
    }

    @Test
    void suspendableMethodsAreMarkedForLaterBuilds() {
        // Source.next is suspendable only because Counting.next, in the same build, suspends.
        ClassNode source = read(CORPUS.result.changedClasses().get("io/zsync/weaver/corpus/ObjectShapes$Source"));
        MethodNode next = source.methods.stream().filter(m -> m.name.equals("next")).findFirst().orElseThrow();
        assertTrue(Annotations.has(next.invisibleAnnotations, Protocol.SUSPENDABLE_DESC));
        assertNotNull(source.visibleAnnotations);
    }

    private static void assertFrame(WovenFrame frame, int suspendPoints, int refs, int prims) {
        assertNotNull(frame);
        assertEquals(suspendPoints, frame.suspendPoints(), "suspend points");
        assertEquals(refs, frame.refs(), "reference slots");
        assertEquals(prims, frame.prims(), "primitive slots");
    }

    private static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        return node;
    }
}
