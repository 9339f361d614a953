package io.zsync.weaver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The class hierarchy as class files describe it, read without loading any class: subtyping and
 * common superclasses for the analysis and for frame computation, and supertypes for method
 * resolution.
 */
final class ClassHierarchy {

    private static final String OBJECT = "java/lang/Object";

    private final Function<String, ClassInfo> classes;
    private final Map<String, Set<String>> supertypes = new HashMap<>();

    /** @param classes finds a class by internal name, or returns {@code null} */
    ClassHierarchy(Function<String, ClassInfo> classes) {
        this.classes = classes;
    }

    /**
     * @throws TypeNotPresentException if the class cannot be found
     */
    ClassInfo get(String name) {
        ClassInfo info = classes.apply(name);
        if (info == null) {
            throw new TypeNotPresentException(name.replace('/', '.'), null);
        }
        return info;
    }

    /** The class, or {@code null} if it cannot be found. */
    ClassInfo find(String name) {
        return classes.apply(name);
    }

    boolean isInterface(String name) {
        return get(name).isInterface;
    }

    /** Whether a value of class {@code sub} is a {@code sup}: reflexive, through classes and interfaces. */
    boolean isSubtype(String sub, String sup) {
        if (sub.equals(sup) || sup.equals(OBJECT)) {
            return true;
        }
        return supertypes(sub).contains(sup);
    }

    /** Every proper supertype of {@code name}: its superclasses nearest first, then all its interfaces. */
    Set<String> supertypes(String name) {
        Set<String> known = supertypes.get(name);
        if (known == null) {
            known = findSupertypes(name);
            supertypes.put(name, known);
        }
        return known;
    }

    private Set<String> findSupertypes(String name) {
        Set<String> result = new LinkedHashSet<>();
        List<String> chain = new ArrayList<>();
        for (String c = name; c != null; c = get(c).superName) {
            chain.add(c);
            if (!c.equals(name)) {
                result.add(c);
            }
        }
        Deque<String> pending = new ArrayDeque<>();
        for (String c : chain) {
            pending.addAll(get(c).interfaces);
        }
        while (!pending.isEmpty()) {
            String type = pending.removeFirst();
            if (result.add(type)) {
                pending.addAll(get(type).interfaces);
            }
        }
        return result;
    }

    /** The most specific class both are instances of; {@code java/lang/Object} if either is an interface. */
    String commonSuperClass(String a, String b) {
        if (isSubtype(b, a)) {
            return a;
        }
        if (isSubtype(a, b)) {
            return b;
        }
        if (isInterface(a) || isInterface(b)) {
            return OBJECT;
        }
        String candidate = a;
        do {
            candidate = get(candidate).superName;
        } while (!isSubtype(b, candidate));
        return candidate;
    }
}
