package io.zsync.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Java snippet of every Markdown document of the project compiles against the modules it
 * shows: one test per snippet, named by where it is ({@code README.md:42}). How snippets are found
 * and what they may rely on: {@link MarkdownSnippets}, {@link SnippetCompiler}.
 */
class DocSnippetsTest {

    /** Directories that hold no document of the project. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", ".mvn");

    @TestFactory
    List<DynamicTest> everySnippetCompiles() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Snippet> snippets = new ArrayList<>();
        for (Path document : documents(root)) {
            snippets.addAll(MarkdownSnippets.find(root.relativize(document), Files.readString(document)));
        }
        assertFalse(snippets.isEmpty(), "no Java snippet found under " + root);
        Map<Snippet, String> failures = new SnippetCompiler(System.getProperty("java.class.path"),
                Path.of("target", "snippet-classes")).failures(snippets);
        List<DynamicTest> tests = new ArrayList<>();
        for (Snippet s : snippets) {
            tests.add(DynamicTest.dynamicTest(s.where(), () -> {
                if (failures.containsKey(s)) {
                    throw new AssertionError(failures.get(s) + "The snippet:\n" + s.code());
                }
            }));
        }
        return tests;
    }

    private static List<Path> documents(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !containsSkipped(root.relativize(p)))
                    .sorted()
                    .toList();
        }
    }

    private static boolean containsSkipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }
}
