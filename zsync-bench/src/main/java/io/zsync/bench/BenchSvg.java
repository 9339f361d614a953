package io.zsync.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link BenchReport} as a self-contained SVG bar chart: one horizontal bar per result,
 * its length proportional to the value, labelled with the value and the ratio to the baseline,
 * and a dashed line at the baseline's value; the title says which way is better, and a line under
 * the bars names each contender that was skipped, with why; several reports make several such
 * charts, one above the other. Plain SVG 1.1, no script, no external resources.
 */
public final class BenchSvg {

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 170;
    private static final int VALUE_WIDTH = 190;
    private static final int BAR_HEIGHT = 22;
    private static final int ROW_HEIGHT = 32;
    private static final int TOP = 58;
    private static final int SKIPPED_HEIGHT = 20;
    private static final String BAR_COLOUR = "#4c78a8";
    private static final String BASELINE_COLOUR = "#9d9d9d";

    private BenchSvg() {}

    /** The report as an SVG document. */
    public static String write(BenchReport report) {
        return write(List.of(report));
    }

    /**
     * Several reports as one SVG document, for a command that runs several benchmarks
     * ({@code zsync bench http}): one chart per report, one above the other, each with its own
     * title, scale and baseline.
     */
    public static String write(List<BenchReport> reports) {
        int height = reports.stream().mapToInt(BenchSvg::height).sum();
        StringBuilder svg = new StringBuilder(2048 * reports.size());
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"13\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        int top = 0;
        for (BenchReport report : reports) {
            chart(svg, report, top);
            top += height(report);
        }
        return svg.append("</svg>\n").toString();
    }

    /** The height of {@code report}'s chart: title, a row per result, a line per skipped contender. */
    private static int height(BenchReport report) {
        return TOP + ROW_HEIGHT * report.results().size() + 16 + SKIPPED_HEIGHT * report.skipped().size();
    }

    /** Appends {@code report}'s chart, its top edge at {@code top}. */
    private static void chart(StringBuilder svg, BenchReport report, int top) {
        double max = report.results().stream().mapToDouble(Measurement::value).max().orElse(1);
        int barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int barsTop = top + TOP;
        int barsEnd = barsTop + ROW_HEIGHT * report.results().size();
        String unit = report.results().getFirst().unit();
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"16\" font-weight=\"bold\">%s: %s,"
                + " %s</text>%n", top + 22, escape(report.bench()), escape(unit), report.direction()));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555\">%s; ratios to %s</text>%n",
                top + 42, escape(parameters(report.parameters())), escape(report.baseline())));
        int row = 0;
        for (Measurement m : report.results()) {
            int y = barsTop + ROW_HEIGHT * row++;
            int length = (int) Math.max(1, Math.round(barSpace * m.value() / max));
            boolean baseline = m.name().equals(report.baseline());
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8, y + 16, escape(m.name())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    LABEL_WIDTH, y, length, BAR_HEIGHT, baseline ? BASELINE_COLOUR : BAR_COLOUR));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.1f %s  (%.2fx)</text>%n",
                    LABEL_WIDTH + length + 6, y + 16, m.value(), escape(m.unit()), report.ratio(m)));
        }
        int baselineX = LABEL_WIDTH + (int) Math.round(barSpace * report.result(report.baseline()).value() / max);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\""
                + " stroke-dasharray=\"4 3\"/>%n", baselineX, barsTop - 6, baselineX, barsEnd + 4));
        int y = barsEnd + 16;
        for (Map.Entry<String, String> s : report.skipped().entrySet()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#a33\">skipped %s: %s</text>%n",
                    y, escape(s.getKey()), escape(s.getValue())));
            y += SKIPPED_HEIGHT;
        }
    }

    private static String parameters(Map<String, Long> parameters) {
        StringBuilder text = new StringBuilder();
        parameters.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append(value));
        return text.isEmpty() ? "median" : text.append(", median").toString();
    }

    /** {@code s} with the characters XML gives a meaning to replaced by entities; for any SVG or XML text. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
