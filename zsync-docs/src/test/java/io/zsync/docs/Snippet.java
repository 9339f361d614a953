package io.zsync.docs;

import java.nio.file.Path;
import java.util.List;

/**
 * A piece of Java in a Markdown document that must compile: a fenced {@code java} block, or the
 * code of a table cell under a {@code <!-- compile column N -->} directive.
 *
 * @param document the Markdown file, for messages
 * @param line     the 1-based line of the document where {@code code} starts
 * @param code     the Java source as the reader sees it
 * @param imports  import declarations the directive adds to the default ones
 * @param context  class members the directive declares for the snippet to use
 */
record Snippet(Path document, int line, String code, List<String> imports, String context) {

    /** Where the snippet is, as editors link it: {@code zsync-weaver/README.md:42}. */
    String where() {
        return document + ":" + line;
    }
}
