package io.zsync.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The build-time list of suspendable lambdas handed to interfaces that are not suspendable, and the
 * {@code @NeverSuspends} mark that cuts the rule where it over-approximates.
 */
class UnwovenCallsTest {

    private static final String HANDOFFS = "io/zsync/weaver/handoffs/Handoffs";

    @Test
    void listsASuspendableLambdaMadeIntoAPlainInterfaceOnly() throws WeaveException {
        List<String> unwoven = weave().unwovenCalls();
        assertEquals(1, unwoven.size(), unwoven::toString);
        assertTrue(unwoven.getFirst().startsWith("io.zsync.weaver.handoffs.Handoffs.handsSuspendingCodeToAPlainInterface"
                + " (Handoffs.java:28) makes a lambda that can suspend into a io.zsync.weaver.handoffs.Handoffs$Plain"),
                unwoven.getFirst());
    }

    @Test
    void aMethodMarkedNeverSuspendsIsNeitherWovenNorSuspendableAndNeitherAreItsCallers() throws WeaveException {
        ClassNode woven = new ClassNode();
        new ClassReader(weave().changedClasses().get(HANDOFFS)).accept(woven, 0);
        assertFalse(isMarkedSuspendable(woven, "runsOnAThread"));
        assertFalse(isMarkedSuspendable(woven, "callsCodeThatRunsOnAThread"));
        assertTrue(isMarkedSuspendable(woven, "lambda$handsSuspendingCodeToAThreadInterface$"),
                "the lambda itself calls suspendable code, and is woven as such");
    }

    private static WeaveResult weave() throws WeaveException {
        Map<String, byte[]> classes = WovenCorpus.classesOf("io.zsync.weaver.handoffs");
        return WovenCorpus.newWeaver().weave(classes);
    }

    /** Whether the method named {@code method} (or, for a lambda, starting so) carries the weaver's mark. */
    private static boolean isMarkedSuspendable(ClassNode node, String method) {
        for (MethodNode m : node.methods) {
            if (m.name.equals(method) || method.endsWith("$") && m.name.startsWith(method)) {
                return Annotations.has(m.invisibleAnnotations, Protocol.SUSPENDABLE_DESC);
            }
        }
        throw new AssertionError("no method " + method + " in " + node.name);
    }
}
