package io.zsync.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contended primitives, in markdown, longest total wait first: each named by its class and
 * where it was created, with how often and how long tasks waited on it, and where they waited.
 */
final class ContentionReport {

    private static final int WAITERS_SHOWN = 5;

    private ContentionReport() {}

    static String write(AsyncProfile profile) {
        Map<String, List<AsyncProfile.Wait>> byPrimitive = new LinkedHashMap<>();
        for (AsyncProfile.Wait wait : profile.waits) {
            byPrimitive.computeIfAbsent(wait.primitiveName(), name -> new ArrayList<>()).add(wait);
        }
        Map<String, Latencies> latencies = new LinkedHashMap<>();
        byPrimitive.forEach((name, waits) -> {
            Latencies l = new Latencies();
            waits.forEach(w -> l.add(w.nanos()));
            latencies.put(name, l);
        });
        List<String> names = new ArrayList<>(byPrimitive.keySet());
        names.sort(Comparator.comparingLong((String name) -> latencies.get(name).totalNanos()).reversed());

        StringBuilder md = new StringBuilder("# Contention\n\n");
        if (names.isEmpty()) {
            return md.append("No task waited on a Mutex, RwLock, Semaphore, Queue, Condition or Event while recording.\n")
                    .toString();
        }
        String top = names.get(0);
        md.append("Most contended: **").append(top).append("**: ").append(latencies.get(top).count())
                .append(" waits, ").append(Latencies.millis(latencies.get(top).totalNanos()))
                .append(" ms waited in all, longest ").append(Latencies.millis(latencies.get(top).maxNanos()))
                .append(" ms.\n\n");
        md.append("| primitive ").append(Latencies.HEADER).append("\n| --- ").append(Latencies.RULE).append('\n');
        for (String name : names) {
            md.append("| ").append(name).append(" | ").append(latencies.get(name).row()).append(" |\n");
        }
        for (String name : names) {
            md.append("\n## ").append(name).append("\n\nWho waited (where, how many waits, ms in all):\n\n");
            Map<String, Latencies> bySite = new LinkedHashMap<>();
            for (AsyncProfile.Wait wait : byPrimitive.get(name)) {
                bySite.computeIfAbsent(wait.waitedAt() + spawnedAt(profile, wait), site -> new Latencies()).add(wait.nanos());
            }
            bySite.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, Latencies> e) -> e.getValue().totalNanos()).reversed())
                    .limit(WAITERS_SHOWN)
                    .forEach(e -> md.append("- `").append(e.getKey()).append("`: ").append(e.getValue().count())
                            .append(" waits, ").append(Latencies.millis(e.getValue().totalNanos())).append(" ms\n"));
        }
        return md.toString();
    }

    private static String spawnedAt(AsyncProfile profile, AsyncProfile.Wait wait) {
        AsyncProfile.TaskRecord task = profile.tasks.get(wait.waiterTaskId());
        return task == null ? "" : "` in a task spawned at `" + task.spawnSite;
    }
}
