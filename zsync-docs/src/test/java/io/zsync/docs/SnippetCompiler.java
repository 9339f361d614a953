package io.zsync.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles snippets with the JDK's compiler, against a class path, and says what is wrong with each
 * one that does not compile, by the line of its document.
 *
 * <p>A snippet is compiled first as the body of a method (statements, which may declare {@code io}
 * and anything else themselves), in a class that has a field {@code Io io} and the directive's
 * members; if that fails, as members of such a class (a method, a record); it fails if neither
 * compiles. Every snippet gets the same default imports: the packages of zsync's API and of the JDK
 * that examples use, JUnit's assertions, and single-type imports where names clash
 * ({@code io.zsync.Future} over {@code java.util.concurrent.Future}, zsync's {@code Queue},
 * {@code Semaphore}, {@code Reader}, {@code Writer} and {@code File} over the JDK's). Preview
 * features are enabled, so that a snippet may show the JDK's {@code StructuredTaskScope}.
 */
final class SnippetCompiler {

    static final List<String> DEFAULT_IMPORTS = List.of(
            "import io.zsync.*;",
            "import io.zsync.diagnostics.*;",
            "import io.zsync.io.*;",
            "import io.zsync.fs.*;",
            "import io.zsync.net.*;",
            "import java.io.*;",
            "import java.net.*;",
            "import java.nio.*;",
            "import java.nio.charset.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import static org.junit.jupiter.api.Assertions.*;",
            "import io.zsync.Future;",
            "import io.zsync.Queue;",
            "import io.zsync.Semaphore;",
            "import io.zsync.io.Reader;",
            "import io.zsync.io.Writer;",
            "import io.zsync.fs.File;");

    private final String classPath;
    private final Path output;

    /**
     * @param classPath what snippets compile against
     * @param output    a directory for the class files, which nothing reads
     */
    SnippetCompiler(String classPath, Path output) {
        this.classPath = classPath;
        this.output = output;
    }

    /**
     * Compiles {@code snippets} and returns what is wrong with each one that does not compile, in
     * their order; an empty map when all compile.
     */
    Map<Snippet, String> failures(List<Snippet> snippets) {
        Map<Snippet, String> asStatements = compile(snippets, Form.STATEMENTS);
        Map<Snippet, String> asMembers = compile(List.copyOf(asStatements.keySet()), Form.MEMBERS);
        Map<Snippet, String> failures = new LinkedHashMap<>();
        for (Snippet s : snippets) {
            if (asMembers.containsKey(s)) {
                failures.put(s, s.where() + " does not compile.\nAs statements:\n" + asStatements.get(s)
                        + "As class members:\n" + asMembers.get(s));
            }
        }
        return failures;
    }

    private enum Form { STATEMENTS, MEMBERS }

    /**
     * The snippets that do not compile in {@code form}, with their errors. javac stops before
     * checking types when any source has a syntax error, so the ones without errors are compiled
     * again until a round has none.
     */
    private Map<Snippet, String> compile(List<Snippet> snippets, Form form) {
        Map<Snippet, String> failures = new LinkedHashMap<>();
        List<Snippet> remaining = new ArrayList<>(snippets);
        while (!remaining.isEmpty()) {
            Map<Snippet, String> round = compileOnce(remaining, form);
            if (round.isEmpty()) {
                break;
            }
            failures.putAll(round);
            remaining.removeAll(round.keySet());
        }
        return failures;
    }

    private Map<Snippet, String> compileOnce(List<Snippet> snippets, Form form) {
        Map<Snippet, String> failures = new LinkedHashMap<>();
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            sources.add(new Source(snippets.get(i), form, "Snippet" + i));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this JVM (" + System.getProperty("java.home")
                    + "); run the tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = List.of("-classpath", classPath, "-d", output.toString(), "-proc:none",
                "--release", Integer.toString(Runtime.version().feature()), "--enable-preview",
                "-Xlint:none", "-nowarn");
        javac.getTask(null, null, diagnostics, options, null, sources).call();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() instanceof Source source) {
                failures.merge(source.snippet, source.describe(d), String::concat);
            } else if (d.getKind() == Diagnostic.Kind.ERROR) {
                throw new IllegalStateException("the compiler failed outside any snippet: " + d.getMessage(Locale.ROOT));
            }
        }
        return failures;
    }

    /** A snippet wrapped in a class, in memory. */
    private static final class Source extends SimpleJavaFileObject {
        final Snippet snippet;
        final String text;
        final int firstCodeLine;

        Source(Snippet snippet, Form form, String className) {
            super(URI.create("string:///snippets/" + className + ".java"), Kind.SOURCE);
            this.snippet = snippet;
            StringBuilder text = new StringBuilder("package snippets;\n");
            for (String i : DEFAULT_IMPORTS) {
                text.append(i).append('\n');
            }
            for (String i : snippet.imports()) {
                text.append(i).append('\n');
            }
            text.append("@SuppressWarnings(\"all\") class ").append(className).append(" {\n");
            text.append("Io io;\n").append(snippet.context());
            if (form == Form.STATEMENTS) {
                text.append("void snippet() throws Throwable {\n");
            }
            this.firstCodeLine = (int) text.chars().filter(c -> c == '\n').count() + 1;
            text.append(snippet.code());
            text.append(form == Form.STATEMENTS ? "\n}\n}\n" : "\n}\n");
            this.text = text.toString();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        /** The error as a line of the document, or of the context when it lies outside the code. */
        String describe(Diagnostic<? extends JavaFileObject> d) {
            long line = d.getLineNumber();
            String where = line >= firstCodeLine
                    ? snippet.document() + ":" + (snippet.line() + line - firstCodeLine)
                    : snippet.where() + " (in its <!-- compile --> context)";
            return "  " + where + ": " + d.getMessage(Locale.ROOT) + "\n";
        }
    }
}
