package io.zsync.cli;

import io.zsync.bench.BenchReport;
import io.zsync.bench.Measurement;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a {@link BenchReport} as a plain-text table: name, value with its unit, ratio to the
 * baseline (its heading says which way is better); then a line per skipped contender, with why.
 */
final class ResultTable {

    private ResultTable() {}

    static void print(BenchReport report, PrintWriter out) {
        int nameWidth = "name".length();
        int valueWidth = "value".length();
        for (Measurement m : report.results()) {
            nameWidth = Math.max(nameWidth, m.name().length());
            valueWidth = Math.max(valueWidth, value(m).length());
        }
        String row = "%-" + nameWidth + "s  %" + valueWidth + "s  %s%n";
        out.printf(Locale.ROOT, row, "name", "value", "ratio to " + report.baseline() + " (" + report.direction() + ")");
        for (Measurement m : report.results()) {
            out.printf(Locale.ROOT, row, m.name(), value(m), String.format(Locale.ROOT, "%.2fx", report.ratio(m)));
        }
        report.skipped().forEach((name, why) -> out.printf(Locale.ROOT, "skipped %s: %s%n", name, why));
        out.flush();
    }

    private static String value(Measurement m) {
        return String.format(Locale.ROOT, "%.1f %s", m.value(), m.unit());
    }
}
