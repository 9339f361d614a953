package io.zsync.cli;

import static io.zsync.bench.BenchSvg.escape;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flame graph of folded stacks as one self-contained SVG: no script, no external font, no
 * link; each frame's tooltip ({@code <title>}) gives its full name and numbers. Frames are
 * sorted by name on each level, as flamegraph.pl does, and stack up from the root at the bottom.
 */
final class FlameGraphSvg {

    private static final int WIDTH = 1200;
    private static final int FRAME_HEIGHT = 18;
    private static final int MARGIN = 10;
    private static final int HEADER = 40;
    private static final double CHAR_WIDTH = 7.0;
    /** Frames narrower than this are left out: too small to see or hover. */
    private static final double MIN_WIDTH = 0.5;

    private final Node root = new Node("all");
    private final String title;
    private final String unit;

    /** A graph called {@code title} whose weights are in {@code unit} (shown in tooltips). */
    FlameGraphSvg(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    private static final class Node {
        final String name;
        final Map<String, Node> children = new TreeMap<>();
        double weight;
        long count;

        Node(String name) {
            this.name = name;
        }

        int depth() {
            int deepest = 0;
            for (Node child : children.values()) {
                deepest = Math.max(deepest, child.depth());
            }
            return deepest + 1;
        }
    }

    /** Adds one stack, root first, that weighs {@code weight}. */
    void add(List<String> stack, double weight) {
        Node node = root;
        node.weight += weight;
        node.count++;
        for (String frame : stack) {
            node = node.children.computeIfAbsent(frame, Node::new);
            node.weight += weight;
            node.count++;
        }
    }

    /** The SVG document. */
    String write() {
        int height = HEADER + root.depth() * FRAME_HEIGHT + MARGIN;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"monospace\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#f8f8f0\"/>%n",
                WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"16\" text-anchor=\"middle\">%s</text>%n",
                WIDTH / 2, escape(title)));
        if (root.weight > 0) {
            frame(svg, root, MARGIN, WIDTH - 2.0 * MARGIN, height - MARGIN - FRAME_HEIGHT);
        } else {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">no task ran while recording</text>%n",
                    WIDTH / 2, HEADER + FRAME_HEIGHT));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void frame(StringBuilder svg, Node node, double x, double width, double y) {
        String tooltip = String.format(Locale.ROOT, "%s: %d task(s), %.3f %s (%.1f%%)", node.name, node.count,
                node.weight, unit, 100 * node.weight / root.weight);
        svg.append(String.format(Locale.ROOT,
                "<g class=\"frame\"><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\""
                        + " rx=\"2\"/>", escape(tooltip), x, y, width, FRAME_HEIGHT - 1, color(node.name)));
        int fits = (int) ((width - 6) / CHAR_WIDTH);
        if (fits >= 3) {
            String label = node.name.length() <= fits ? node.name : node.name.substring(0, fits - 2) + "..";
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", x + 3, y + FRAME_HEIGHT - 5,
                    escape(label)));
        }
        svg.append("</g>\n");
        double childX = x;
        for (Node child : node.children.values()) {
            double childWidth = width * child.weight / node.weight;
            if (childWidth >= MIN_WIDTH) {
                frame(svg, child, childX, childWidth, y - FRAME_HEIGHT);
            }
            childX += childWidth;
        }
    }

    /** A warm colour that stays the same for a name from one graph to the next. */
    private static String color(String name) {
        int hash = name.hashCode();
        int red = 205 + Math.floorMod(hash, 50);
        int green = Math.floorMod(hash >> 8, 180);
        int blue = Math.floorMod(hash >> 16, 55);
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", red, green, blue);
    }
}
