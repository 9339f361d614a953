package io.zsync.weaver;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;

/** Source lines of instructions, from the line numbers the compiler wrote. */
final class SourceLines {

    private SourceLines() {}

    /**
     * The source line of an instruction: that of the nearest line number before it, as a JVM stack
     * trace would give; -1 if there is none (the class was compiled without line numbers).
     */
    static int of(AbstractInsnNode insn) {
        for (AbstractInsnNode at = insn; at != null; at = at.getPrevious()) {
            if (at instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return -1;
    }
}
