package io.zsync.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zsync.coroutine.Coroutine;
import io.zsync.weaver.corpus.StackDumps;
import io.zsync.weaver.harness.ChildFirstClassLoader;
import io.zsync.weaver.harness.ParkingLeaf;
import io.zsync.weaver.harness.TestCarrier;
import io.zsync.weaver.harness.UnregisteredMethod;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code Coroutine.suspendedAt()} on woven chains: each is compared with the JVM's stack trace of
 * its unwoven twin at the same leaf call, so the expected lines follow the source as it is edited.
 */
class StackDumpTest {

    private static final WovenCorpus CORPUS = WovenCorpus.INSTANCE;
    private static final String DUMPS = "io/zsync/weaver/corpus/StackDumps";
    private static final String INITIALISED = DUMPS + "$Initialised";
    private static final String PARKING = DUMPS + "$Parking";

    @Test
    void dump_listsTheChainInnermostFirstWithTheLinesOfTheCalls() {
        List<String> dumped = describe(dumpOfWoven(CORPUS.loader, StackDumps.class, "a"));
        assertEquals(whereUnwovenParks(StackDumps::a), dumped);
        assertEquals(2, dumped.size(), dumped.toString());
        assertTrue(dumped.get(0).startsWith("io.zsync.weaver.corpus.StackDumps.b(StackDumps.java:"), dumped.toString());
        assertTrue(dumped.get(1).startsWith("io.zsync.weaver.corpus.StackDumps.a(StackDumps.java:"), dumped.toString());
    }

    @Test
    void dump_listsEveryFrameOfARecursion() {
        List<String> dumped = describe(dumpOfWoven(CORPUS.loader, StackDumps.class, "depth", 3));
        assertEquals(whereUnwovenParks(() -> StackDumps.depth(3)), dumped);
        assertEquals(4, dumped.size(), dumped.toString());
    }

    @Test
    void dump_showsAnInterfaceDefaultMethod() {
        List<String> dumped = describe(dumpOfWoven(CORPUS.loader, StackDumps.class, "viaDefault"));
        assertEquals(whereUnwovenParks(StackDumps::viaDefault), dumped);
        assertTrue(dumped.get(0).startsWith("io.zsync.weaver.corpus.StackDumps$Parking.parkHere("), dumped.toString());
        assertTrue(classInit(CORPUS.original.get(PARKING)).isEmpty(), "the interface had no static initialiser");
        assertEquals(1, registrations(CORPUS.result.changedClasses().get(PARKING)));
    }

    @Test
    void dump_registersAClassWithoutStaticInitialiserInOneItGains() {
        assertTrue(classInit(CORPUS.original.get(DUMPS)).isEmpty(), "StackDumps must have no static initialiser");
        assertEquals(wovenMethods(CORPUS.result.changedClasses().get(DUMPS)),
                registrations(CORPUS.result.changedClasses().get(DUMPS)));
        assertEquals(whereUnwovenParks(StackDumps::a), describe(dumpOfWoven(CORPUS.loader, StackDumps.class, "a")));
    }

    @Test
    void dump_registersFirstInAnExistingStaticInitialiserWhichRunsOnceInOrder() throws ReflectiveOperationException {
        MethodNode init = classInit(CORPUS.result.changedClasses().get(INITIALISED)).orElseThrow();
        MethodInsnNode firstCall = (MethodInsnNode) Arrays.stream(init.instructions.toArray())
                .filter(MethodInsnNode.class::isInstance).findFirst().orElseThrow();
        assertEquals(Protocol.WOVEN_METHODS + ".register", firstCall.owner + "." + firstCall.name);

        List<String> dumped = describe(dumpOfWoven(CORPUS.loader, StackDumps.Initialised.class, "parkHere"));
        assertEquals(whereUnwovenParks(StackDumps.Initialised::parkHere), dumped);
        Class<?> woven = CORPUS.woven(StackDumps.Initialised.class);
        assertEquals(List.of("first", "second"), woven.getField("ORDER").get(null));
        assertEquals(1, woven.getField("initialisations").get(null));
    }

    @Test
    void dump_weavingTwiceRegistersEachMethodOnce() throws WeaveException {
        Weaver weaver = WovenCorpus.newWeaver();
        for (String name : List.of(DUMPS, INITIALISED, PARKING)) {
            byte[] woven = CORPUS.result.changedClasses().get(name);
            assertSame(woven, weaver.weaveOne(woven), name);
            assertEquals(wovenMethods(woven), registrations(woven), name);
        }
    }

    @Test
    void dump_aClassLoadedByTwoClassLoadersStaysKnown() {
        Map<String, byte[]> classes = new HashMap<>(CORPUS.original);
        classes.putAll(CORPUS.result.changedClasses());
        ClassLoader second = new ChildFirstClassLoader(classes, StackDumpTest.class.getClassLoader());
        dumpOfWoven(CORPUS.loader, StackDumps.class, "a"); // the first loader has registered the class
        assertEquals(whereUnwovenParks(StackDumps::a), describe(dumpOfWoven(second, StackDumps.class, "a")));
    }

    @Test
    void dump_showsAPlaceholderForAFrameWhoseMethodIsNotRegistered() {
        StackTraceElement[] dumped = dumpOfWoven(CORPUS.loader, StackDumps.class, "unknownBelow");
        List<String> unwoven = whereUnwovenParks(StackDumps::unknownBelow);
        assertEquals(2, dumped.length, Arrays.toString(dumped));
        assertEquals("?", dumped[0].getClassName());
        assertEquals("method#" + Integer.toHexString(UnregisteredMethod.KEY.hashCode()), dumped[0].getMethodName());
        assertEquals(unwoven, describe(Arrays.copyOfRange(dumped, 1, 2)));
    }

    @Test
    void dump_isEmptyUnlessSuspended() {
        assertEquals(0, new Coroutine().suspendedAt().length, "idle");
        TestCarrier.onCarrier(call -> true, () -> {
            Coroutine coroutine = new Coroutine();
            Coroutine.Entry entry = call(wovenMethod(CORPUS.loader, StackDumps.class, "a"));
            assertFalse(coroutine.step(entry));
            assertEquals(2, coroutine.suspendedAt().length, "suspended");
            coroutine.resume(coroutine.generation());
            assertEquals(0, coroutine.suspendedAt().length, "resumed");
            assertTrue(coroutine.step(entry));
            assertEquals(0, coroutine.suspendedAt().length, "ended");
        });
    }

    /**
     * Runs a woven method as a coroutine on a carrier until it parks, and reads its frames on this
     * thread: the carrier's end happens-before its join, the edge {@code suspendedAt} asks for.
     */
    private static StackTraceElement[] dumpOfWoven(ClassLoader loader, Class<?> original, String name,
            Object... arguments) {
        Method method = wovenMethod(loader, original, name);
        Coroutine coroutine = new Coroutine();
        TestCarrier.onCarrier(call -> true, () -> assertFalse(coroutine.step(call(method, arguments)), "parked"));
        assertTrue(coroutine.isSuspended());
        return coroutine.suspendedAt();
    }

    /** Where the unwoven twin parks, as the JVM sees it: its frames in the StackDumps classes, innermost first. */
    private static List<String> whereUnwovenParks(Executable call) {
        ParkingLeaf.Parked parked = assertThrows(ParkingLeaf.Parked.class, call);
        List<StackTraceElement> frames = new ArrayList<>();
        for (StackTraceElement frame : parked.getStackTrace()) {
            if (frame.getClassName().startsWith(StackDumps.class.getName())) {
                frames.add(frame);
            } else if (!frames.isEmpty()) {
                break;
            }
        }
        assertFalse(frames.isEmpty(), "the leaf was called from the StackDumps classes");
        return describe(frames.toArray(StackTraceElement[]::new));
    }

    /** Class, method, file and line: what a dump tells, without the class loader and module a JVM trace adds. */
    private static List<String> describe(StackTraceElement[] frames) {
        return Arrays.stream(frames)
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .toList();
    }

    private static Method wovenMethod(ClassLoader loader, Class<?> original, String name) {
        try {
            Class<?> woven = loader.loadClass(original.getName());
            return Arrays.stream(woven.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** A call of a static woven method, rethrowing what it throws. */
    private static Coroutine.Entry call(Method method, Object... arguments) {
        return () -> {
            try {
                method.invoke(null, arguments);
            } catch (InvocationTargetException e) {
                throw (RuntimeException) e.getCause();
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static Optional<MethodNode> classInit(byte[] classFile) {
        return read(classFile).methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst();
    }

    private static long registrations(byte[] classFile) {
        return classInit(classFile).map(init -> Arrays.stream(init.instructions.toArray())
                .filter(insn -> insn instanceof MethodInsnNode call && call.owner.equals(Protocol.WOVEN_METHODS)
                        && call.name.equals("register"))
                .count()).orElse(0L);
    }

    private static long wovenMethods(byte[] classFile) {
        return read(classFile).methods.stream()
                .filter(m -> Annotations.has(m.visibleAnnotations, Protocol.WOVEN_FRAME_DESC)).count();
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }
}
