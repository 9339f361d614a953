package io.zsync.weaver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command line: {@code java io.zsync.weaver.Main <classesDir> [classpath...]} weaves the class
 * files under {@code classesDir} in place, against the given class path entries (directories and
 * jars; an entry may also be a list joined with the platform's path separator). Prints one summary
 * line; exits with status 1 and the reason on stderr if a class cannot be woven.
 */
public final class Main {

    private Main() {}

    /**
     * @param args the classes directory, then class path entries
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java io.zsync.weaver.Main <classesDir> [classpath...]");
            System.exit(2);
        }
        List<Path> classpath = Arrays.stream(args).skip(1)
                .flatMap(entry -> Arrays.stream(entry.split(java.io.File.pathSeparator)))
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .toList();
        try {
            System.out.println(ClassDirectoryWeaver.weaveInPlace(Path.of(args[0]), classpath).summary());
        } catch (WeaveException e) {
            System.err.println("zsync weaver: " + e.getMessage());
            System.exit(1);
        }
    }
}
