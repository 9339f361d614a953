import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.attribute.InnerClassesAttribute;
import java.lang.classfile.attribute.ModuleAttribute;
import java.lang.classfile.attribute.ModuleExportInfo;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Measures the public surface of a module's compiled classes: for each package its
 * module-info.class exports (unqualified exports only), the public types (top-level and nested,
 * nested ones only if every enclosing type is public too) and their public and protected members
 * (fields, constructors, methods; synthetic and bridge members left out, the implicit members of
 * enums and records counted as javac writes them). Reads class files only (java.lang.classfile),
 * so nothing is loaded or initialised.
 *
 * <pre>
 *   java scripts/PublicSurface.java zsync-core/target/classes          # a table per package
 *   java scripts/PublicSurface.java --list zsync-core/target/classes   # every type and member, for diff
 * </pre>
 *
 * Run it with JDK 25 (the java.lang.classfile API), after a build ({@code scripts/public-surface.sh}
 * does both for zsync-core).
 */
public class PublicSurface {

    public static void main(String[] args) throws IOException {
        boolean list = args.length > 0 && args[0].equals("--list");
        if (args.length != (list ? 2 : 1)) {
            System.err.println("usage: java PublicSurface.java [--list] <classes directory with module-info.class>");
            System.exit(2);
        }
        Path root = Path.of(args[list ? 1 : 0]);
        Set<String> exported = exportedPackages(root.resolve("module-info.class"));

        Map<String, ClassModel> classes = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                if (file.getFileName().toString().equals("module-info.class")) {
                    continue;
                }
                ClassModel model = ClassFile.of().parse(file);
                classes.put(model.thisClass().asInternalName(), model);
            }
        }

        // Access of nested types as the source declares it (InnerClasses), and their outer types.
        Map<String, Integer> innerFlags = new HashMap<>();
        Map<String, String> outerOf = new HashMap<>();
        for (ClassModel model : classes.values()) {
            model.findAttribute(java.lang.classfile.Attributes.innerClasses()).ifPresent(
                    (InnerClassesAttribute inner) -> inner.classes().forEach(info -> {
                        String name = info.innerClass().asInternalName();
                        innerFlags.put(name, info.flagsMask());
                        info.outerClass().ifPresent(outer -> outerOf.put(name, outer.asInternalName()));
                    }));
        }

        Map<String, int[]> counts = new TreeMap<>(); // package -> {types, members}
        Map<String, List<String>> listing = new TreeMap<>();
        for (String pkg : exported) {
            counts.put(pkg, new int[2]);
        }
        for (ClassModel model : classes.values()) {
            String name = model.thisClass().asInternalName();
            int slash = name.lastIndexOf('/');
            String pkg = (slash < 0 ? "" : name.substring(0, slash)).replace('/', '.');
            if (!exported.contains(pkg) || !isPublicType(name, model, innerFlags, outerOf, classes)) {
                continue;
            }
            int[] c = counts.get(pkg);
            c[0]++;
            List<String> lines = listing.computeIfAbsent(name.replace('/', '.'), k -> new ArrayList<>());
            for (var field : model.fields()) {
                if (visible(field.flags().flagsMask())) {
                    c[1]++;
                    lines.add("field " + field.fieldName().stringValue());
                }
            }
            for (var method : model.methods()) {
                int flags = method.flags().flagsMask();
                if (visible(flags) && (flags & (ClassFile.ACC_SYNTHETIC | ClassFile.ACC_BRIDGE)) == 0) {
                    c[1]++;
                    lines.add("method " + method.methodName().stringValue() + method.methodType().stringValue());
                }
            }
        }

        if (list) {
            listing.forEach((type, members) -> {
                System.out.println(type);
                new TreeSet<>(members).forEach(m -> System.out.println("    " + m));
            });
            return;
        }
        int types = 0;
        int members = 0;
        System.out.printf("%-28s %6s %8s%n", "exported package", "types", "members");
        for (var entry : counts.entrySet()) {
            System.out.printf("%-28s %6d %8d%n", entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
            types += entry.getValue()[0];
            members += entry.getValue()[1];
        }
        System.out.printf("%-28s %6d %8d%n", "total", types, members);
    }

    private static Set<String> exportedPackages(Path moduleInfo) throws IOException {
        ModuleAttribute module = ClassFile.of().parse(moduleInfo)
                .findAttribute(java.lang.classfile.Attributes.module())
                .orElseThrow(() -> new IllegalArgumentException(moduleInfo + " has no Module attribute"));
        Set<String> exported = new TreeSet<>();
        for (ModuleExportInfo export : module.exports()) {
            if (export.exportsTo().isEmpty()) {
                exported.add(export.exportedPackage().name().stringValue().replace('/', '.'));
            }
        }
        return exported;
    }

    /** Public, and, if nested, public (or protected) in a type that is itself public surface. */
    private static boolean isPublicType(String name, ClassModel model, Map<String, Integer> innerFlags,
            Map<String, String> outerOf, Map<String, ClassModel> classes) {
        Integer nested = innerFlags.get(name);
        if (nested == null) {
            return model.flags().has(AccessFlag.PUBLIC) && !model.flags().has(AccessFlag.SYNTHETIC);
        }
        String outer = outerOf.get(name);
        if (outer == null || !visible(nested)) {
            return false; // local or anonymous, or not visible from outside its outer type
        }
        ClassModel outerModel = classes.get(outer);
        return outerModel != null && isPublicType(outer, outerModel, innerFlags, outerOf, classes);
    }

    private static boolean visible(int flags) {
        return (flags & (ClassFile.ACC_PUBLIC | ClassFile.ACC_PROTECTED)) != 0;
    }
}
