package io.zsync.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.weaver.corpus.ConstructionShapes;
import io.zsync.weaver.harness.TestCarrier;
import io.zsync.weaver.harness.TestCarrier.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/** The weaver refuses suspend points it cannot make resumable, naming the method and what to do. */
class RefusalTest {

    private static final Map<String, byte[]> REFUSED = WovenCorpus.classesOf("io.zsync.weaver.refused");
    private static final String BUILDER = "java/lang/StringBuilder";

    @Test
    void refusesASynchronizedMethod() {
        assertRefused("SynchronizedMethod", "SynchronizedMethod.lockedAwait()I",
                "holds a monitor (synchronized) across a suspending call", "use io.zsync Mutex");
    }

    @Test
    void refusesASynchronizedBlock() {
        assertRefused("SynchronizedBlock", "SynchronizedBlock.awaitInBlock(Ljava/lang/Object;)I",
                "holds a monitor (synchronized) across a suspending call", "move the call out of the synchronized block");
    }

    @Test
    void weavesASuspensionBetweenNewAndItsConstructor() throws Exception {
        // Refused once, as new Foo(await()): now the allocation moves after the arguments.
        String name = "io/zsync/weaver/corpus/ConstructionShapes";
        byte[] original = WovenCorpus.INSTANCE.original.get(name);
        byte[] woven = WovenCorpus.newWeaver().weaveOne(original);
        assertNotSame(original, woven);
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(woven), WovenCorpus.INSTANCE.loader, false, new PrintWriter(problems));
        assertEquals("", problems.toString());
        Method box = WovenCorpus.INSTANCE.woven(ConstructionShapes.class).getMethod("box");
        Outcome outcome = TestCarrier.run(() -> box.invoke(null), call -> true);
        assertEquals(String.valueOf((Object) ConstructionShapes.box()), String.valueOf(outcome.value()));
        assertEquals(1, outcome.suspensions());
    }

    @Test
    void refusesANewWhoseUnconstructedReferenceIsCopied() {
        // NEW; DUP; DUP; ASTORE 0; <suspending argument>; INVOKESPECIAL; POP; ALOAD 0; ARETURN
        byte[] generated = generated("CopiedAllocation", code -> {
            code.visitTypeInsn(Opcodes.NEW, BUILDER);
            code.visitInsn(Opcodes.DUP);
            code.visitInsn(Opcodes.DUP);
            code.visitVarInsn(Opcodes.ASTORE, 0);
            suspendingArgumentAndConstructor(code);
            code.visitInsn(Opcodes.POP);
            code.visitVarInsn(Opcodes.ALOAD, 0);
        });
        assertRefused("CopiedAllocation", generated, "CopiedAllocation.make()", "between a 'new' and its constructor",
                "the 'new java.lang.StringBuilder' has its unconstructed reference copied elsewhere (DUP)",
                "assign the suspending call's result to a local first");
    }

    @Test
    void refusesANewNotFollowedByDup() {
        // NEW; ASTORE 0; ALOAD 0; <suspending argument>; INVOKESPECIAL; ALOAD 0; ARETURN
        byte[] generated = generated("StoredAllocation", code -> {
            code.visitTypeInsn(Opcodes.NEW, BUILDER);
            code.visitVarInsn(Opcodes.ASTORE, 0);
            code.visitVarInsn(Opcodes.ALOAD, 0);
            suspendingArgumentAndConstructor(code);
            code.visitVarInsn(Opcodes.ALOAD, 0);
        });
        assertRefused("StoredAllocation", generated, "StoredAllocation.make()",
                "the 'new java.lang.StringBuilder' is not followed by DUP");
    }

    @Test
    void refusesASuspensionInAConstructor() {
        assertRefused("SuspendInConstructor", "SuspendInConstructor.<init>()V",
                "a constructor cannot suspend", "Leaf.await");
    }

    private static void assertRefused(String simpleName, String... fragments) {
        String name = "io/zsync/weaver/refused/" + simpleName;
        assertRefused(simpleName, REFUSED.get(name), fragments);
    }

    private static void assertRefused(String simpleName, byte[] classFile, String... fragments) {
        String name = "io/zsync/weaver/refused/" + simpleName;
        WeaveException e = assertThrows(WeaveException.class,
                () -> WovenCorpus.newWeaver().weave(Map.of(name, classFile)));
        assertTrue(e.getMessage().startsWith("io.zsync.weaver.refused." + simpleName), e.getMessage());
        assertTrue(e.getMessage().contains("(line "), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
    }

    /** {@code <init>(String) of a StringBuilder, its argument Leaf.awaitRef("x")}. */
    private static void suspendingArgumentAndConstructor(MethodVisitor code) {
        code.visitLdcInsn("x");
        code.visitMethodInsn(Opcodes.INVOKESTATIC, "io/zsync/weaver/harness/Leaf", "awaitRef",
                "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        code.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/String");
        code.visitMethodInsn(Opcodes.INVOKESPECIAL, BUILDER, "<init>", "(Ljava/lang/String;)V", false);
    }

    /**
     * A class javac would not write: {@code static Object make()}, its body by {@code body} (which
     * leaves the result on the stack), at line 7.
     */
    private static byte[] generated(String simpleName, Consumer<MethodVisitor> body) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "io/zsync/weaver/refused/" + simpleName,
                null, "java/lang/Object", null);
        MethodVisitor code = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "()Ljava/lang/Object;",
                null, null);
        code.visitCode();
        Label start = new Label();
        code.visitLabel(start);
        code.visitLineNumber(7, start);
        body.accept(code);
        code.visitInsn(Opcodes.ARETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
