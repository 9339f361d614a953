package io.zsync.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AnnotationNode;

/** Reading and adding the annotations of ASM's tree nodes, whose lists are {@code null} when empty. */
final class Annotations {

    private Annotations() {}

    static boolean has(List<AnnotationNode> annotations, String descriptor) {
        return annotations != null && annotations.stream().anyMatch(a -> a.desc.equals(descriptor));
    }

    /** {@code annotations} with {@code annotation} added: the same list, or a new one if it was {@code null}. */
    static List<AnnotationNode> add(List<AnnotationNode> annotations, AnnotationNode annotation) {
        List<AnnotationNode> result = annotations != null ? annotations : new ArrayList<>();
        result.add(annotation);
        return result;
    }
}
