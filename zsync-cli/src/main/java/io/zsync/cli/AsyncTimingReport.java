package io.zsync.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per spawn site, in markdown: how long its tasks ran (start to end, waits included) and how long
 * others awaited them, as HdrHistogram percentiles; the sites that ran longest in all come first.
 */
final class AsyncTimingReport {

    private AsyncTimingReport() {}

    static String write(AsyncProfile profile) {
        Map<String, Latencies> runs = new LinkedHashMap<>();
        Map<String, Latencies> awaited = new LinkedHashMap<>();
        for (AsyncProfile.TaskRecord task : profile.tasks.values()) {
            Latencies run = runs.computeIfAbsent(task.spawnSite, site -> new Latencies());
            if (task.runNanos >= 0) {
                run.add(task.runNanos);
            }
            Latencies waits = awaited.computeIfAbsent(task.spawnSite, site -> new Latencies());
            task.awaitedForNanos.forEach(waits::add);
        }
        List<String> sites = new ArrayList<>(runs.keySet());
        sites.sort(Comparator.comparingLong((String site) -> runs.get(site).totalNanos()).reversed());

        StringBuilder md = new StringBuilder("# Async timing per spawn site\n\n");
        md.append(profile.tasks.size()).append(" tasks spawned while recording, from ").append(sites.size())
                .append(" spawn sites. Run time is from a task's start to its end, waits and suspensions included.\n\n");
        md.append("## Task run time\n\n| spawn site ").append(Latencies.HEADER).append("\n| --- ")
                .append(Latencies.RULE).append('\n');
        for (String site : sites) {
            md.append("| `").append(site).append("` | ").append(runs.get(site).row()).append(" |\n");
        }
        md.append("\n## Time others awaited these tasks\n\nWaits that had to wait, on the future of a task spawned at the site.\n\n")
                .append("| spawn site ").append(Latencies.HEADER).append("\n| --- ").append(Latencies.RULE).append('\n');
        for (String site : sites) {
            if (awaited.get(site).count() > 0) {
                md.append("| `").append(site).append("` | ").append(awaited.get(site).row()).append(" |\n");
            }
        }
        return md.toString();
    }
}
