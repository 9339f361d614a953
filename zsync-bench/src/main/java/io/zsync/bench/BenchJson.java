package io.zsync.bench;

import java.util.Map;

/**
 * Writes a {@link BenchReport} as one line of JSON, the form every {@code zsync bench} command
 * produces:
 *
 * <pre>{@code
 * {"bench":"spawn","baseline":"raw-virtual-threads","parameters":{"tasks":1000000,"rounds":5},
 *  "results":[{"name":"virtual","value":412.0,"unit":"ns/task","ratio":1.08}, ...]}
 * }</pre>
 *
 * (shown here on two lines). {@code ratio} is the result's value divided by the baseline's.
 */
public final class BenchJson {

    private BenchJson() {}

    /** The report as a JSON object, on one line, without a line terminator. */
    public static String write(BenchReport report) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"bench\":").append(quote(report.bench()));
        json.append(",\"baseline\":").append(quote(report.baseline()));
        json.append(",\"parameters\":{");
        String separator = "";
        for (Map.Entry<String, Long> p : report.parameters().entrySet()) {
            json.append(separator).append(quote(p.getKey())).append(':').append(p.getValue());
            separator = ",";
        }
        json.append("},\"results\":[");
        separator = "";
        for (Measurement m : report.results()) {
            json.append(separator)
                    .append("{\"name\":").append(quote(m.name()))
                    .append(",\"value\":").append(m.value())
                    .append(",\"unit\":").append(quote(m.unit()))
                    .append(",\"ratio\":").append(report.ratio(m))
                    .append('}');
            separator = ",";
        }
        return json.append("]}").toString();
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
