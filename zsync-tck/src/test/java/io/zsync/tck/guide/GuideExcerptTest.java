package io.zsync.tck.guide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backend guide shows the example backend and its conformance test as they are compiled and
 * tested here: each file from its class Javadoc down, verbatim, in a fenced block of the guide.
 */
class GuideExcerptTest {

    private static final Path GUIDE = Path.of("..", "docs", "backend-guide.md");
    private static final Path HERE = Path.of("src", "test", "java", "io", "zsync", "tck", "guide");

    @ParameterizedTest
    @ValueSource(strings = {"MinimalProvider.java", "MinimalBackendConformanceTest.java"})
    void the_guide_shows_the_file_as_it_is(String file) throws IOException {
        String source = Files.readString(HERE.resolve(file));
        String excerpt = source.substring(source.indexOf("\n/**") + 1);
        String guide = Files.readString(GUIDE);
        assertTrue(guide.contains("\n" + excerpt + "```\n"), GUIDE + " does not show " + file
                + " as it is: copy the file, from its class Javadoc down, into the guide's fenced block");
    }
}
