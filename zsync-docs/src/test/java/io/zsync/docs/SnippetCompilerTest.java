package io.zsync.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker itself: it finds what it should, and a broken snippet fails naming its line. */
class SnippetCompilerTest {

    private static final Path DOC = Path.of("GUIDE.md");

    @TempDir
    Path output;

    private Map<Snippet, String> compile(String markdown) {
        return new SnippetCompiler(System.getProperty("java.class.path"), output)
                .failures(MarkdownSnippets.find(DOC, markdown));
    }

    @Test
    void statementsMembersAndContextCompile() {
        String markdown = """
                Intro.

                ```java
                try (Io io = Io.open("blocking")) {
                    Future<String, IOException> f = io.async(() -> Files.readString(path));
                }
                ```

                <!-- compile:
                import java.util.concurrent.CompletableFuture;
                Path path;
                -->
                ```java
                void serve(Io io) throws Exception {
                    CompletableFuture<Path> p = CompletableFuture.completedFuture(path);
                    io.sleep(Duration.ofMillis(1));
                }
                ```
                """;
        List<Snippet> found = MarkdownSnippets.find(DOC, markdown);
        assertEquals(2, found.size());
        assertEquals(4, found.get(0).line());
        Map<Snippet, String> failures = compile(markdown);
        assertEquals(1, failures.size(), failures.toString());
        String failure = failures.values().iterator().next();
        assertTrue(failure.contains("GUIDE.md:5: cannot find symbol"), failure);
    }

    @Test
    void aBrokenSnippetNamesItsLine() {
        Map<Snippet, String> failures = compile("""
                ```java
                Io io = Io.open("blocking");
                io.sleeep(Duration.ZERO);
                ```
                """);
        assertEquals(1, failures.size());
        String failure = failures.values().iterator().next();
        assertTrue(failure.startsWith("GUIDE.md:2 does not compile"), failure);
        assertTrue(failure.contains("GUIDE.md:3: cannot find symbol"), failure);
    }

    @Test
    void tableCellsOfTheNamedColumnsAreSnippets() {
        String markdown = """
                <!-- compile columns 2 3:
                Future<String, RuntimeException> f;
                -->
                | idiom | JDK | zsync |
                | --- | --- | --- |
                | wait | `new CompletableFuture<String>().join()` | `f.await()` |
                | prose only | see above | `f.cancel()` (as `E`, `T`) |
                | broken | `x \\|\\| y` | `f.awaitt()` |
                """;
        List<Snippet> found = MarkdownSnippets.find(DOC, markdown);
        assertEquals(List.of("new CompletableFuture<String>().join();\n", "f.await();\n", "f.cancel();\n",
                        "x || y;\n", "f.awaitt();\n"),
                found.stream().map(Snippet::code).toList());
        Map<Snippet, String> failures = compile(markdown);
        assertEquals(List.of(8, 8), failures.keySet().stream().map(Snippet::line).toList(), failures.toString());
    }

    @Test
    void blocksInOtherLanguagesAreLeftAlone() {
        assertTrue(MarkdownSnippets.find(DOC, """
                ```kotlin
                val x = 1
                ```
                ```
                ./zsync demo
                ```
                """).isEmpty());
    }
}
