package io.zsync.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a recording of the zsync events says about tasks and waits: each task with its spawn
 * site, its parent and how long it ran; how long others awaited it; and every contended wait.
 * Tasks spawned before the recording began are roots of their chains.
 */
final class AsyncProfile {

    /** One spawned task; {@code runNanos} is -1 if its end was not recorded. */
    static final class TaskRecord {
        final long id;
        final long parentId;
        final String spawnSite;
        long runNanos = -1;
        final List<Long> awaitedForNanos = new ArrayList<>();

        TaskRecord(long id, long parentId, String spawnSite) {
            this.id = id;
            this.parentId = parentId;
            this.spawnSite = spawnSite;
        }
    }

    /** One contended wait on a primitive. */
    record Wait(String primitive, int primitiveId, String createdAt, String waitedAt, long waiterTaskId, long nanos) {

        /** How a person finds the primitive: its class and where it was created (or its identity, if unknown). */
        String primitiveName() {
            return createdAt.isEmpty() ? primitive + " #" + Integer.toHexString(primitiveId)
                    : primitive + " created at " + createdAt;
        }
    }

    final Map<Long, TaskRecord> tasks = new LinkedHashMap<>();
    final List<Wait> waits = new ArrayList<>();
    int events;

    /** Reads the zsync events of {@code jfr}. */
    static AsyncProfile read(Path jfr) throws IOException {
        AsyncProfile profile = new AsyncProfile();
        Map<Long, Long> runs = new HashMap<>();
        Map<Long, List<Long>> awaits = new HashMap<>();
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                switch (e.getEventType().getName()) {
                    case "io.zsync.TaskSpawn" -> profile.tasks.put(e.getLong("taskId"),
                            new TaskRecord(e.getLong("taskId"), e.getLong("parentTaskId"), e.getString("spawnSite")));
                    case "io.zsync.TaskRun" -> runs.put(e.getLong("taskId"), e.getDuration().toNanos());
                    case "io.zsync.Await" -> awaits.computeIfAbsent(e.getLong("awaitedTaskId"), id -> new ArrayList<>())
                            .add(e.getDuration().toNanos());
                    case "io.zsync.Contention" -> profile.waits.add(new Wait(e.getString("primitive"),
                            e.getInt("primitiveId"), e.getString("createdAt"), e.getString("waitedAt"),
                            e.getLong("waiterTaskId"), e.getDuration().toNanos()));
                    default -> {
                        continue;
                    }
                }
                profile.events++;
            }
        }
        // Events are read in time order per chunk only: attach runs and awaits once every spawn is known.
        runs.forEach((id, nanos) -> {
            TaskRecord task = profile.tasks.get(id);
            if (task != null) {
                task.runNanos = nanos;
            }
        });
        awaits.forEach((id, nanos) -> {
            TaskRecord task = profile.tasks.get(id);
            if (task != null) {
                task.awaitedForNanos.addAll(nanos);
            }
        });
        return profile;
    }

    /** The spawn sites from the root of {@code task}'s chain down to its own. */
    List<String> spawnChain(TaskRecord task) {
        List<String> chain = new ArrayList<>();
        for (TaskRecord t = task; t != null && chain.size() <= tasks.size(); t = tasks.get(t.parentId)) {
            chain.add(0, t.spawnSite);
        }
        return chain;
    }
}
