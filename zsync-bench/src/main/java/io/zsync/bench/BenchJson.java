package io.zsync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a {@link BenchReport} as one line of JSON, the form every {@code zsync bench} command
 * produces:
 *
 * <pre>{@code
 * {"bench":"spawn","baseline":"raw-virtual-threads","higherIsBetter":false,
 *  "parameters":{"tasks":1000000,"rounds":5},
 *  "results":[{"name":"virtual","value":412.0,"unit":"ns/task","ratio":1.08}, ...],
 *  "skipped":{"echo-tokio":"not built: ..."}}
 * }</pre>
 *
 * (shown here on four lines). {@code ratio} is the result's value divided by the baseline's;
 * {@code higherIsBetter} says which way is better; {@code skipped} names each contender that was
 * not measured, with why ({@code {}} when none was).
 */
public final class BenchJson {

    private BenchJson() {}

    /** The report as a JSON object, on one line, without a line terminator. */
    public static String write(BenchReport report) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"bench\":").append(quote(report.bench()));
        json.append(",\"baseline\":").append(quote(report.baseline()));
        json.append(",\"higherIsBetter\":").append(report.higherIsBetter());
        json.append(",\"parameters\":");
        object(json, report.parameters(), String::valueOf);
        json.append(",\"results\":[");
        results(json, report, false);
        json.append("],\"skipped\":");
        object(json, report.skipped(), BenchJson::quote);
        return json.append('}').toString();
    }

    /**
     * Several reports as one JSON object in the same form, for a command that runs several
     * benchmarks ({@code zsync bench io}): {@code bench} names the whole, and each result also
     * says which benchmark it belongs to ({@code "of"}), its baseline and its direction, since
     * those differ from one benchmark to the next. The skipped contenders of all are merged.
     */
    public static String write(String bench, List<BenchReport> reports) {
        StringBuilder json = new StringBuilder(1024);
        json.append("{\"bench\":").append(quote(bench)).append(",\"results\":[");
        Map<String, String> skipped = new LinkedHashMap<>();
        String separator = "";
        for (BenchReport report : reports) {
            if (!report.results().isEmpty()) {
                json.append(separator);
                results(json, report, true);
                separator = ",";
            }
            skipped.putAll(report.skipped());
        }
        json.append("],\"skipped\":");
        object(json, skipped, BenchJson::quote);
        return json.append('}').toString();
    }

    /** Appends the results of {@code report}, comma-separated; with {@code ownContext}, each with its benchmark, baseline and direction. */
    private static void results(StringBuilder json, BenchReport report, boolean ownContext) {
        String separator = "";
        for (Measurement m : report.results()) {
            json.append(separator)
                    .append("{\"name\":").append(quote(m.name()))
                    .append(",\"value\":").append(m.value())
                    .append(",\"unit\":").append(quote(m.unit()))
                    .append(",\"ratio\":").append(report.ratio(m));
            if (ownContext) {
                json.append(",\"of\":").append(quote(report.bench()))
                        .append(",\"baseline\":").append(quote(report.baseline()))
                        .append(",\"higherIsBetter\":").append(report.higherIsBetter());
            }
            json.append('}');
            separator = ",";
        }
    }

    /** Appends {@code entries} as a JSON object, each value written by {@code value}. */
    private static <V> void object(StringBuilder json, Map<String, V> entries, Function<V, String> value) {
        json.append('{');
        String separator = "";
        for (Map.Entry<String, V> e : entries.entrySet()) {
            json.append(separator).append(quote(e.getKey())).append(':').append(value.apply(e.getValue()));
            separator = ",";
        }
        json.append('}');
    }

    /** {@code s} as a JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder quoted = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
