package io.zsync.docs;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Java snippets of one Markdown document.
 *
 * <p>Every fenced block opened with {@code ```java} is a snippet. A directive in an HTML comment
 * just before a block (GitHub does not show it) gives the block what it uses but does not show:
 * <pre>{@code
 * <!-- compile:
 * import java.util.concurrent.CompletableFuture;
 * Path path;
 * void index(Path p) throws IOException {}
 * -->
 * }</pre>
 * Lines starting with {@code import} are imports, the rest are members of the class the snippet
 * is compiled in. Before a table, {@code <!-- compile column 2: ... -->} (or {@code columns 1 2})
 * makes the first code span of each cell of those columns a snippet (later spans in a cell are
 * prose), with the same context; a span may be an expression. Blocks in other languages, and
 * tables without a directive, are left alone.
 */
final class MarkdownSnippets {

    private static final Pattern DIRECTIVE_START =
            Pattern.compile("^<!--\\s*compile(?:\\s+columns?\\s+([0-9 ,]+))?\\s*:?(.*)$");

    private MarkdownSnippets() {}

    /** The snippets of {@code markdown}, read from {@code document}, in document order. */
    static List<Snippet> find(Path document, String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Snippet> found = new ArrayList<>();
        Directive pending = null;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            Matcher directive = DIRECTIVE_START.matcher(trimmed);
            if (directive.matches()) {
                StringBuilder body = new StringBuilder(directive.group(2));
                while (!body.toString().contains("-->")) {
                    if (++i == lines.length) {
                        throw new IllegalArgumentException(document + ": a <!-- compile directive is never closed with -->");
                    }
                    body.append('\n').append(lines[i]);
                }
                pending = Directive.parse(directive.group(1), body.substring(0, body.indexOf("-->")));
            } else if (trimmed.startsWith("```")) {
                int start = i + 1;
                int end = start;
                while (end < lines.length && !lines[end].strip().startsWith("```")) {
                    end++;
                }
                if (trimmed.equals("```java")) {
                    String indent = lines[i].substring(0, lines[i].indexOf('`'));
                    StringBuilder code = new StringBuilder();
                    for (int j = start; j < end; j++) {
                        code.append(lines[j].startsWith(indent) ? lines[j].substring(indent.length()) : lines[j]).append('\n');
                    }
                    Directive d = pending == null ? Directive.NONE : pending;
                    found.add(new Snippet(document, start + 1, code.toString(), d.imports, d.context));
                }
                pending = null;
                i = end;
            } else if (trimmed.startsWith("|") && pending != null && !pending.columns.isEmpty()) {
                int row = 0;
                for (; i < lines.length && lines[i].strip().startsWith("|"); i++, row++) {
                    if (row < 2) {
                        continue;      // the header and the |---| line
                    }
                    List<String> cells = cells(lines[i].strip());
                    for (int column : pending.columns) {
                        String code = column <= cells.size() ? codeSpan(cells.get(column - 1)) : "";
                        if (!code.isEmpty()) {
                            found.add(new Snippet(document, i + 1, code, pending.imports, pending.context));
                        }
                    }
                }
                pending = null;
            } else if (!trimmed.isEmpty()) {
                pending = null;        // a directive applies only to what follows it at once
            }
        }
        return found;
    }

    /** The cells of a table row, split on {@code |} outside code spans; {@code \|} is a bar. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inCode = false;
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '`') {
                inCode = !inCode;
                cell.append(c);
            } else if (c == '|' && !inCode) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    /**
     * The code of a cell: its first code span, or {@code ""} when it has none; later spans are
     * prose about it ({@code (`E` is inferred)}). A span that does not end a statement
     * ({@code future.await()}) gets its {@code ;}, so that a cell may show an expression.
     */
    static String codeSpan(String cell) {
        Matcher span = Pattern.compile("`([^`]+)`").matcher(cell);
        if (!span.find()) {
            return "";
        }
        String code = span.group(1).strip();
        return code + (code.endsWith(";") || code.endsWith("}") ? "\n" : ";\n");
    }

    private record Directive(List<Integer> columns, List<String> imports, String context) {
        static final Directive NONE = new Directive(List.of(), List.of(), "");

        static Directive parse(String columns, String body) {
            List<Integer> numbers = new ArrayList<>();
            if (columns != null) {
                for (String n : columns.strip().split("[ ,]+")) {
                    numbers.add(Integer.parseInt(n));
                }
            }
            List<String> imports = new ArrayList<>();
            StringBuilder context = new StringBuilder();
            for (String line : body.split("\n")) {
                if (line.strip().startsWith("import ")) {
                    imports.add(line.strip());
                } else if (!line.isBlank()) {
                    context.append(line).append('\n');
                }
            }
            return new Directive(List.copyOf(numbers), List.copyOf(imports), context.toString());
        }
    }
}
