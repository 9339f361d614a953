package io.zsync.cli;

import io.zsync.bench.BenchJson;
import io.zsync.bench.BenchReport;
import io.zsync.bench.BenchSvg;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How every {@code zsync bench} command shows its report (a picocli mixin): the table on stdout,
 * and, when asked with {@code --json} and {@code --svg}, the JSON and the chart in files.
 */
final class ReportOutput {

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to FILE as JSON.")
    private Path json;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also draw the results as a bar chart in FILE (SVG).")
    private Path svg;

    /** Prints {@code report} on the command's stdout, writes the files asked for, and says so on its stderr. */
    void show(BenchReport report, CommandSpec command) throws IOException {
        ResultTable.print(report, command.commandLine().getOut());
        PrintWriter err = command.commandLine().getErr();
        if (json != null) {
            Files.writeString(json, BenchJson.write(report) + System.lineSeparator());
            err.println("wrote " + json);
        }
        if (svg != null) {
            Files.writeString(svg, BenchSvg.write(report));
            err.println("wrote " + svg);
        }
    }

    /**
     * Prints the reports of a command that runs several benchmarks, a table each under its name;
     * the JSON file gets them all in one object named {@code bench}, the SVG file a chart each.
     */
    void show(String bench, List<BenchReport> reports, CommandSpec command) throws IOException {
        PrintWriter out = command.commandLine().getOut();
        for (BenchReport report : reports) {
            out.println("== " + report.bench() + " ==");
            ResultTable.print(report, out);
        }
        PrintWriter err = command.commandLine().getErr();
        if (json != null) {
            Files.writeString(json, BenchJson.write(bench, reports) + System.lineSeparator());
            err.println("wrote " + json);
        }
        if (svg != null) {
            Files.writeString(svg, BenchSvg.write(reports));
            err.println("wrote " + svg);
        }
    }
}
