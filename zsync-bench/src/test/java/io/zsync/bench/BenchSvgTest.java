package io.zsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class BenchSvgTest {

    private final BenchReport report = new BenchReport("spawn", Map.of("tasks", 1000L), "raw", List.of(
            new Measurement("virtual", 400.0, "ns/task"),
            new Measurement("raw", 200.0, "ns/task"),
            new Measurement("a<b&c", 100.0, "ns/task")));

    @Test
    void chart_is_well_formed_svg_with_one_bar_per_result_proportional_to_its_value() throws Exception {
        Document svg = parse(BenchSvg.write(report));

        assertEquals("svg", svg.getDocumentElement().getTagName());
        NodeList rects = svg.getElementsByTagName("rect");
        assertEquals(1 + 3, rects.getLength(), "a background and one bar per result");
        double virtual = width(rects, 1);
        assertEquals(0.5, width(rects, 2) / virtual, 0.01);
        assertEquals(0.25, width(rects, 3) / virtual, 0.01);
        assertTrue(svg.getDocumentElement().getTextContent().contains("a<b&c"), "names survive escaping");
        assertTrue(svg.getDocumentElement().getTextContent().contains("2.00x"), "ratios are shown");
    }

    @Test
    void title_says_which_way_is_better_and_skipped_contenders_are_named_with_why() throws Exception {
        BenchReport rates = new BenchReport("echo", Map.of(), "echo-go", true,
                List.of(new Measurement("echo-go", 250000.0, "msg/s")), Map.of("echo-tokio", "not built: <no cargo>"));

        String lowerText = parse(BenchSvg.write(report)).getDocumentElement().getTextContent();
        String higherText = parse(BenchSvg.write(rates)).getDocumentElement().getTextContent();

        assertTrue(lowerText.contains("spawn: ns/task, lower is better"), lowerText);
        assertTrue(higherText.contains("echo: msg/s, higher is better"), higherText);
        assertTrue(higherText.contains("skipped echo-tokio: not built: <no cargo>"), higherText);
    }

    @Test
    void several_reports_make_one_document_with_a_chart_each_one_above_the_other() throws Exception {
        BenchReport rates = new BenchReport("http-pipelined", Map.of(), "go", true,
                List.of(new Measurement("go", 40000.0, "req/s"), new Measurement("hyper", 500000.0, "req/s")), Map.of());

        Document svg = parse(BenchSvg.write(List.of(report, rates)));

        NodeList rects = svg.getElementsByTagName("rect");
        assertEquals(1 + 3 + 2, rects.getLength(), "one background, then the bars of both");
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("spawn: ns/task, lower is better"), text);
        assertTrue(text.contains("http-pipelined: req/s, higher is better"), text);
        assertTrue(text.contains("12.50x"), "each chart has its own baseline: " + text);
        double firstChartBar = Double.parseDouble(rects.item(1).getAttributes().getNamedItem("y").getNodeValue());
        double secondChartBar = Double.parseDouble(rects.item(4).getAttributes().getNamedItem("y").getNodeValue());
        assertTrue(secondChartBar > firstChartBar + 3 * 32, "the second chart is below the first");
        assertEquals(width(rects, 1), width(rects, 5), "each chart's longest bar is as long: each has its own scale");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static double width(NodeList rects, int index) {
        return Double.parseDouble(rects.item(index).getAttributes().getNamedItem("width").getNodeValue());
    }
}
